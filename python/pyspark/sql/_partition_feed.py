"""A user function over an iterator of one partition's batches, fed a batch at a time.

mapInPandas, mapInArrow and the iterator pandas UDFs call the user's function once per partition
with an iterator over its batches, as PySpark does; the engine hands the batches over one call at
a time from a task thread. The function runs on a Python thread of its own: each feed() puts
batches where its iterator takes them and waits until it asks for the next one (or returns), so
state kept across the iterator (a running count, a model loaded before the loop, rows yielded
after it) lives as long as the partition. Waiting releases the GIL to that thread.
"""

import collections
import threading


class PartitionFeed:
    """func(iterator) run over batches given by feed() and ended by finish() or close()."""

    def __init__(self, func):
        self._func = func
        self._ready = threading.Condition()
        self._inputs = collections.deque()
        self._outputs = []
        self._ended = False    # no more input comes
        self._waiting = False  # the function waits for input
        self._done = False     # the function returned or raised
        self._error = None
        self._thread = None

    def feed(self, batches):
        """Hands `batches` over; returns what the function yielded until it asked for more."""
        with self._ready:
            self._inputs.extend(batches)
            self._start()
            self._ready.notify_all()
            while not self._done and not (self._waiting and not self._inputs):
                self._ready.wait()
            return self._take()

    def finish(self):
        """Ends the input; returns what the function yielded until it returned."""
        with self._ready:
            self._ended = True
            self._start()
            self._ready.notify_all()
            while not self._done:
                self._ready.wait()
            return self._take()

    def close(self):
        """Ends the input without waiting for the function (a task dropped unfinished)."""
        with self._ready:
            self._ended = True
            self._ready.notify_all()

    def _start(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ember-partition-feed",
                                            daemon=True)
            self._thread.start()

    def _take(self):
        if self._done:
            self._inputs.clear()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        out, self._outputs = self._outputs, []
        return out

    def _batches(self):
        while True:
            with self._ready:
                while not self._inputs and not self._ended:
                    self._waiting = True
                    self._ready.notify_all()
                    self._ready.wait()
                self._waiting = False
                if not self._inputs:
                    return
                batch = self._inputs.popleft()
            yield batch

    def _run(self):
        try:
            for out in self._func(self._batches()):
                with self._ready:
                    self._outputs.append(out)
        except BaseException as error:
            with self._ready:
                self._error = error
        finally:
            with self._ready:
                self._done = True
                self._ready.notify_all()
