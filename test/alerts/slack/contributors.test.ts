import { describe, expect, it } from 'vitest';
import { contributorLines } from '../../../src/alerts/slack/contributors.js';
import { makeContributor } from './digest-factory.js';

const alert = { unit: null, display: null } as const;

describe('contributorLines', () => {
  it('shows dimension, member, baseline → current, change and share of the move, in rank order', () => {
    const contributors = [makeContributor('tier', 'pro', 2100, 6300, 0.91), makeContributor('tier', 'free', 5000, 5400, 0.09)];
    expect(contributorLines({ ...alert, contributors })).toEqual([
      '• tier pro: 2,100 → 6,300 (+4,200, 91% of the move)',
      '• tier free: 5,000 → 5,400 (+400, 9% of the move)',
    ]);
  });

  it('says when a member appeared or vanished, and when it moved against the total', () => {
    const contributors = [
      makeContributor('org', 'Granite Legal', 212, 0, 0.58),
      makeContributor('org', 'Newco', 0, 12, -0.03),
      makeContributor('tier', 'lite', 10, 10, null),
    ];
    expect(contributorLines({ ...alert, contributors })).toEqual([
      '• org Granite Legal: 212 → 0 (-212, gone, 58% of the move)',
      '• org Newco: 0 → 12 (+12, new, -3% of the move)',
      '• tier lite: 10 → 10 (±0)',
    ]);
  });

  it('formats values in the metric unit and percent display, and names the weighted method', () => {
    expect(contributorLines({ unit: 'USD', display: null, contributors: [makeContributor('process', 'video-render', 1000, 2500, 0.8)] })).toEqual([
      '• process video-render: 1,000 → 2,500 USD (+1,500, 80% of the move)',
    ]);
    expect(
      contributorLines({ unit: null, display: 'percent', contributors: [makeContributor('endpoint', '/v1/images', 0.001, 0.045, 0.97)] }),
    ).toEqual(['• endpoint /v1/images: 0.1 % → 4.5 % (+4.4 %, 97% of the move)']);
    expect(
      contributorLines({ unit: 'ms', display: null, contributors: [makeContributor('model', 'vid-2', 4000, 10000, 0.9, 'volume_weighted')] }),
    ).toEqual(['• model vid-2: 4,000 → 10,000 ms (+6,000, 90% of the traffic-weighted change)']);
  });

  it('escapes member names, which come from data', () => {
    expect(contributorLines({ ...alert, contributors: [makeContributor('org', '<!channel> *bold*', 1, 2, 1)] })[0]).not.toContain('<!channel>');
  });
});
