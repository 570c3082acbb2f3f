import { describe, expect, it } from 'vitest';
import { passesMinChange } from '../../src/stats/min-change-gate.js';

describe('passesMinChange', () => {
  const gate = { down: 0.2, up: 0.5 };

  it('passes a change exactly at the gate', () => {
    expect(passesMinChange(-0.2, 'down', gate)).toBe(true);
    expect(passesMinChange(0.5, 'up', gate)).toBe(true);
  });

  it('blocks a change just under the gate', () => {
    expect(passesMinChange(-0.1999, 'down', gate)).toBe(false);
    expect(passesMinChange(0.4999, 'up', gate)).toBe(false);
  });

  it('applies the gate of the move’s own direction only', () => {
    expect(passesMinChange(0.3, 'up', { down: 0.2 })).toBe(true);
    expect(passesMinChange(-0.1, 'down', { up: 0.05 })).toBe(true);
    expect(passesMinChange(0.3, 'up', { down: 0.2, up: 0.4 })).toBe(false);
  });

  it('passes when no gate is configured', () => {
    expect(passesMinChange(0.001, 'up', {})).toBe(true);
    expect(passesMinChange(-0.001, 'down', { down: undefined })).toBe(true);
  });

  it('passes when there is no percentage (μ = 0)', () => {
    expect(passesMinChange(null, 'up', { up: 10 })).toBe(true);
  });
});
