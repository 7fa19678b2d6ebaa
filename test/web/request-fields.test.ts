import { describe, expect, it } from 'vitest';
import { inRequestTerms } from '../../src/web/jobs/request-fields.js';

describe('job errors in the request’s terms', () => {
  it('the model an engine refuses is the request’s problem; the leading field follows', () => {
    const r = inRequestTerms('gap', {
      code: 'QA_INPUT_INVALID',
      message: 'model: the model has no variables, so H(s) has a single level and no gap',
      field: 'model',
      status: 400,
    });
    expect(r).toEqual({
      code: 'QA_INPUT_INVALID',
      message: 'problem: the model has no variables, so H(s) has a single level and no gap',
      field: 'problem',
      status: 400,
    });
    expect(
      inRequestTerms('anneal', {
        code: 'QA_PARAMETER_INVALID',
        message: 'num_reads: 0 must be ≥ 1',
        field: 'num_reads',
        status: 400,
      }),
    ).toMatchObject({
      field: 'numReads',
      message: 'numReads: 0 must be ≥ 1',
    });
  });

  it('keeps names the request spells alike, and the explainer’s model folder (not part of the request)', () => {
    const dt = { code: 'QA_PARAMETER_INVALID', message: 'dt: 0 must be > 0', field: 'dt', status: 400 };
    expect(inRequestTerms('anneal', dt)).toBe(dt);
    const folder = {
      code: 'QA_INPUT_INVALID',
      message: 'model: no convolutional layer',
      field: 'model',
      status: 400,
    };
    expect(inRequestTerms('explain', folder)).toBe(folder);
  });
});
