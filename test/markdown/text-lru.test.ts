// The memo both Markdown caches use: least recently used goes first, the keys' total length stays
// within the budget, and a key over the budget alone is not kept.
import { describe, expect, it } from 'vitest';
import { TextKeyedLru } from '../../src/markdown/index.js';

describe('TextKeyedLru', () => {
  it('forgets the least recently used once the keys pass the budget', () => {
    const lru = new TextKeyedLru<number>(10);
    lru.set('aaaa', 1);
    lru.set('bbbb', 2);
    expect(lru.get('aaaa')).toBe(1); // now bbbb is the oldest
    lru.set('cccc', 3);
    expect(lru.get('bbbb')).toBeUndefined();
    expect(lru.get('aaaa')).toBe(1);
    expect(lru.get('cccc')).toBe(3);
    expect(lru.chars).toBe(8);
    expect(lru.size).toBe(2);
  });

  it('counts a key set twice once, skips a key over the budget, and clears', () => {
    const lru = new TextKeyedLru<string>(6);
    lru.set('abc', 'x');
    lru.set('abc', 'y');
    expect(lru.chars).toBe(3);
    expect(lru.get('abc')).toBe('y');
    lru.set('1234567', 'too long');
    expect(lru.get('1234567')).toBeUndefined();
    expect(lru.get('abc')).toBe('y');
    lru.clear();
    expect([lru.size, lru.chars]).toEqual([0, 0]);
  });
});
