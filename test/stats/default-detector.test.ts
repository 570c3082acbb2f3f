import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR } from '../../src/stats/detector-settings.js';
import { DEFAULT_SIGMA_FLOOR } from '../../src/stats/sigma-floor.js';

describe('DEFAULT_DETECTOR', () => {
  it('is the spec default: 10 weeks, 4 points, 2 / 3 / 4.5, both directions, no gate, every day', () => {
    expect(DEFAULT_DETECTOR).toEqual({
      weeks: 10,
      minPoints: 4,
      thresholds: { notice: 2, warning: 3, critical: 4.5 },
      direction: 'both',
      minChange: {},
      sigmaFloor: DEFAULT_SIGMA_FLOOR,
      weekdaysOnly: false,
    });
  });
});
