// The order CPython iterates a set of small ints in, which upstream's error messages expose.
// Expected values were printed by CPython 3.11 (`list(set(ids))`).
import { describe, expect, it } from 'vitest';
import { pythonIntSetOrder } from '../../../../src/http/python/set-order.js';

describe('pythonIntSetOrder', () => {
  it.each([
    [[0, 2], [0, 2]],
    [[2, 0], [0, 2]],
    [[2, 1, 0], [0, 1, 2]],
    [[4, 3, 2, 1, 0], [0, 1, 2, 3, 4]],
    [[10000, 0], [10000, 0]],
    [[0, 10000], [0, 10000]],
    [[1, 10001, 9], [1, 10001, 9]],
    [[10000, 10001, 10002, 3, 8, 16], [3, 8, 10000, 10001, 10002, 16]],
    [[14, 6, 22, 30, 7], [6, 7, 14, 22, 30]],
    [[5, 13, 21, 29, 37, 45, 53], [37, 5, 13, 45, 21, 53, 29]],
    [[2, 2, 0, 2], [0, 2]],
  ])('%j -> %j', (ids, expected) => {
    expect(pythonIntSetOrder(ids)).toEqual(expected);
  });
});
