import { describe, expect, it } from 'vitest';
import { Embedding, EmbeddingError, embeddingFromJson } from '../../src/embedding/index.js';

describe('embedding JSON (minorminer / dimod form)', () => {
  it('reads integer-looking keys as integer labels and others as strings, and writes them back', () => {
    const emb = embeddingFromJson({ '0': [4021, 4036], a: [2990], '007': 5, '[1,"x"]': [7, 8] });
    expect(emb.labels).toEqual([0, 'a', '007', [1, 'x']]);
    expect(Array.from(emb.require(0))).toEqual([4021, 4036]);
    expect(Array.from(emb.require('007'))).toEqual([5]);
    expect(Array.from(emb.require([1, 'x']))).toEqual([7, 8]);
    expect(emb.toJSON()).toEqual({ '0': [4021, 4036], a: [2990], '007': [5], '[1,"x"]': [7, 8] });
    expect(embeddingFromJson(JSON.parse(JSON.stringify(emb.toJSON()))).toJSON()).toEqual(emb.toJSON());
    expect(emb.maxChainLength).toBe(2);
    expect(emb.numQubits).toBe(6);
    expect(emb.isNative).toBe(false);
    expect(
      Embedding.from([
        [1, [3]],
        [2, [4]],
      ]).isNative,
    ).toBe(true);
  });

  it('names the variable in errors: empty chains, repeated or non-integer qubits, non-object documents', () => {
    const bad = (doc: unknown) => () => embeddingFromJson(doc, 'emb.json');
    expect(bad({ a: [] })).toThrow(/emb.json: the chain of variable "a" is empty/);
    expect(bad({ 3: [1, 1] })).toThrow(/variable 3 lists qubit 1 twice/);
    expect(bad({ b: [1.5] })).toThrow(/variable "b" holds 1.5, which is not a qubit label/);
    expect(bad({ b: 'x' })).toThrow(/emb.json\["b"\]: expected an array of qubit labels/);
    expect(bad([1, 2])).toThrow(EmbeddingError);
    try {
      bad(null)();
    } catch (e) {
      expect((e as EmbeddingError).exitCode).toBe(2);
      expect((e as EmbeddingError).code).toBe('QA_NO_EMBEDDING');
    }
  });
});
