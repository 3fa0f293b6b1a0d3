// The two-generation cache that bounds the corpus' source cache and the verdict and completion caches.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Generations } from '../../src/core/corpus/generations';

test('an item used again outlives the generation it was kept in; one not used is dropped with the old generation', () => {
  const g = new Generations<string, number>(3);
  g.put('a', 1);
  g.put('b', 2);
  g.put('c', 3); // the young generation holds 3: it becomes the old one
  assert.equal(g.take('a'), 1); // moved to the new young generation
  g.put('d', 4);
  g.put('e', 5); // 'a', 'd', 'e': the old generation ('b', 'c') is dropped
  assert.equal(g.peek('b'), undefined);
  assert.equal(g.peek('c'), undefined);
  assert.equal(g.peek('a'), 1);
  assert.equal(g.get('z', () => 26), 26);
  assert.equal(g.get('z', () => 0), 26);
});

test('items count by their cost, an item kept there may be charged more, and deleting one gives its cost back', () => {
  const g = new Generations<string, string>(10, (s) => s.length);
  g.put('x', 'abcd');
  g.put('y', 'ef'); // 6 of 10
  g.delete('x'); // 2 of 10
  g.put('z', 'ghijk'); // 7 of 10: still young
  g.charge(2); // 9 of 10
  assert.equal(g.take('y'), 'ef');
  g.charge(1); // 10: the young generation becomes the old one
  g.put('w', 'l');
  g.put('v', 'mnopqrstu'); // 10 again: 'y' and 'z', not used since, are dropped
  assert.equal(g.peek('y'), undefined);
  assert.equal(g.peek('x'), undefined);
  assert.equal(g.peek('w'), 'l');
});
