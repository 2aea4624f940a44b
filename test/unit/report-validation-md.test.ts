import { describe, expect, it } from 'vitest';
import { validatePredictions } from '../../src/predict/validate.js';
import { renderValidationMarkdown } from '../../src/report/validation-md.js';

describe('renderValidationMarkdown', () => {
  it('gives one row per app and runtime, the median errors and the rank agreement', () => {
    const v = validatePredictions(
      [{ app: 'a', runtime: 'runsc', slowdown: 1.8 }, { app: 'b', runtime: 'runsc', slowdown: 1.6 }, { app: 'a', runtime: 'runc', slowdown: 1.0 }],
      [{ app: 'a', runtime: 'runsc', slowdown: 2.0 }, { app: 'b', runtime: 'runsc', slowdown: 1.5 }, { app: 'a', runtime: 'runc', slowdown: 1.0 }],
    );
    expect(renderValidationMarkdown(v)).toBe([
      '## Predicted vs measured slowdown',
      '',
      '| app | runtime | predicted | measured | error | error / measured extra |',
      '| --- | --- | --- | --- | --- | --- |',
      '| a | runsc | 1.80× | 2.00× | -0.20 | -20 % |',
      '| b | runsc | 1.60× | 1.50× | +0.10 | 20 % |',
      '| a | runc | 1.00× | 1.00× | +0.00 | – |',
      '',
      // runsc: 0.2 / 2 and 0.1 / 1.5 → (10 % + 6.7 %) / 2
      'Median |error| / measured slowdown per runtime (goal ≤ 25 %) runsc 8 %, runc 0 %;'
        + ' rank agreement (Kendall tau) runsc 1.00, runc –; of the pairs measured apart, ranked as measured:'
        + ' runsc 0 of 0, runc 0 of 0.',
      'Median absolute error 0.10× ; median |error| / measured extra time 20 %.',
      '',
    ].join('\n'));
  });
});
