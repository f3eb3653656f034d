"""The driver side of training: limited-memory quasi-Newton minimisation (L-BFGS, and OWL-QN for
an added L1 penalty) of an objective whose value and gradient the engine aggregates.

OWL-QN (Andrew and Gao, 2007) minimises f(x) + sum_i l1_i |x_i| for a smooth f: it steers the
L-BFGS direction by the pseudo-gradient of the whole objective, keeps each step within the orthant
the step starts from, and fits the curvature pairs to f alone. With every l1_i zero it is L-BFGS.
"""

import numpy as np

_ARMIJO = 1e-4
_MAX_BACKTRACKS = 40


def _pseudo_gradient(x, g, l1):
    """The steepest-descent-defining gradient of f + l1 |x| (0 where x is 0 and |g| <= l1)."""
    if l1 is None:
        return g
    pg = np.where(x > 0, g + l1, np.where(x < 0, g - l1, 0.0))
    at_zero = x == 0
    pg = np.where(at_zero & (g + l1 < 0), g + l1, pg)
    return np.where(at_zero & (g - l1 > 0), g - l1, pg)


def _direction(pg, pairs):
    """-H pg by the two-loop recursion over the stored (s, y, 1 / y.s) pairs."""
    q = pg.copy()
    alphas = []
    for s, y, rho in reversed(pairs):
        a = rho * s.dot(q)
        alphas.append(a)
        q -= a * y
    if pairs:
        s, y, _ = pairs[-1]
        q *= s.dot(y) / y.dot(y)
    for (s, y, rho), a in zip(pairs, reversed(alphas)):
        q += (a - rho * y.dot(q)) * s
    return -q


def minimize(function, x0, max_iter, tol, l1=None, memory=10):
    """Minimises function(x) -> (value, gradient) plus sum(l1 * |x|) from x0.

    Returns (x, history) with history the objective at x0 and after each iteration. Stops after
    max_iter iterations, when an iteration improves the objective by at most tol relative to
    its value or the pseudo-gradient's norm is at most tol (relative to the objective when above
    1), or when no step decreases the objective any more."""
    x = np.asarray(x0, dtype=float).copy()
    if l1 is not None:
        l1 = np.asarray(l1, dtype=float)
        if not l1.any():
            l1 = None

    def objective(point):
        value, gradient = function(point)
        if l1 is not None:
            value += float(np.sum(l1 * np.abs(point)))
        return value, np.asarray(gradient, dtype=float)

    value, g = objective(x)
    history = [value]
    pairs = []
    for _ in range(max_iter):
        pg = _pseudo_gradient(x, g, l1)
        pg_norm = np.linalg.norm(pg)
        if pg_norm <= tol * max(1.0, abs(value)):
            break
        d = _direction(pg, pairs)
        if l1 is not None:
            d = np.where(np.sign(d) == np.sign(-pg), d, 0.0)
        slope = pg.dot(d)
        if slope >= 0:  # not a descent direction: restart from steepest descent
            pairs = []
            d = -pg
            slope = -pg_norm ** 2
        orthant = np.where(x != 0, np.sign(x), np.sign(-pg)) if l1 is not None else None
        step = 1.0 if pairs else min(1.0, 1.0 / pg_norm)
        for _ in range(_MAX_BACKTRACKS):
            candidate = x + step * d
            if orthant is not None:
                candidate = np.where(np.sign(candidate) == orthant, candidate, 0.0)
            new_value, new_g = objective(candidate)
            if new_value <= value + _ARMIJO * pg.dot(candidate - x):
                break
            step *= 0.5
        else:
            break  # no decrease within floating-point precision: converged as far as possible
        s, y = candidate - x, new_g - g
        sy = s.dot(y)
        if sy > 1e-12 * np.linalg.norm(s) * np.linalg.norm(y):
            pairs.append((s, y, 1.0 / sy))
            if len(pairs) > memory:
                pairs.pop(0)
        improvement = value - new_value
        x, value, g = candidate, new_value, new_g
        history.append(value)
        if improvement <= tol * max(abs(value), 1e-300):
            break
    return x, history
