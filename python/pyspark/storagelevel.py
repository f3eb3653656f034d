"""pyspark.StorageLevel: where cached data is kept (memory, disk, serialized, replicas)."""

__all__ = ["StorageLevel"]


class StorageLevel:
    """Flags for persist(): use disk, use memory, use off-heap memory, keep deserialized, and
    the number of replicas."""

    def __init__(self, useDisk, useMemory, useOffHeap, deserialized, replication=1):
        self.useDisk = useDisk
        self.useMemory = useMemory
        self.useOffHeap = useOffHeap
        self.deserialized = deserialized
        self.replication = replication

    def __repr__(self):
        return "StorageLevel(%s, %s, %s, %s, %s)" % (
            self.useDisk, self.useMemory, self.useOffHeap, self.deserialized, self.replication)

    def __str__(self):
        text = "Disk " if self.useDisk else ""
        text += "Memory " if self.useMemory else ""
        text += "OffHeap " if self.useOffHeap else ""
        text += "Deserialized " if self.deserialized else "Serialized "
        return text + "%sx Replicated" % self.replication

    def _key(self):
        return (self.useDisk, self.useMemory, self.useOffHeap, self.deserialized,
                self.replication)

    def __eq__(self, other):
        return isinstance(other, StorageLevel) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())


StorageLevel.DISK_ONLY = StorageLevel(True, False, False, False)
StorageLevel.DISK_ONLY_2 = StorageLevel(True, False, False, False, 2)
StorageLevel.DISK_ONLY_3 = StorageLevel(True, False, False, False, 3)
StorageLevel.MEMORY_ONLY = StorageLevel(False, True, False, False)
StorageLevel.MEMORY_ONLY_2 = StorageLevel(False, True, False, False, 2)
StorageLevel.MEMORY_AND_DISK = StorageLevel(True, True, False, False)
StorageLevel.MEMORY_AND_DISK_2 = StorageLevel(True, True, False, False, 2)
StorageLevel.OFF_HEAP = StorageLevel(True, True, True, False, 1)
StorageLevel.MEMORY_AND_DISK_DESER = StorageLevel(True, True, False, True)
StorageLevel.NONE = StorageLevel(False, False, False, False)
