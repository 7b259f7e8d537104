// Upstream joins the resource class names of a Python `set` of integer ids into one error
// message ("Inventory for 'VCPU, DISK_GB' on resource provider ... invalid."). CPython
// iterates a small int set in hash-table slot order (hash(i) == i), not insertion order;
// this reproduces that order so the message text matches.
export function pythonIntSetOrder(ids: readonly number[]): number[] {
  const unique = [...new Set(ids)];
  // A set table starts with 8 slots and grows x4 once it is 3/5 full (setobject.c).
  let size = 8;
  let slots: (number | undefined)[] = new Array(size);
  let used = 0;
  const place = (table: (number | undefined)[], id: number) => {
    const mask = table.length - 1;
    let i = id & mask;
    while (table[i] !== undefined) i = (i + 1) & mask;
    table[i] = id;
  };
  for (const id of unique) {
    place(slots, id);
    used += 1;
    if (used * 5 >= (size - 1) * 3) {
      size = used > 50000 ? used * 2 : used * 4;
      let n = 8;
      while (n <= size) n *= 2;
      const grown: (number | undefined)[] = new Array(n);
      for (const existing of slots) if (existing !== undefined) place(grown, existing);
      slots = grown;
      size = n;
    }
  }
  return slots.filter((x): x is number => x !== undefined);
}
