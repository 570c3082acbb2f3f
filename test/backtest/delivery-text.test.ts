import { describe, expect, it } from 'vitest';
import { deliveryText } from '../../src/backtest/render-backtest.js';
import { makeAlert, newAlert } from '../alerts/slack/digest-factory.js';

// What the daily run did with an alert, as the backtest (text and Markdown) and the HTML
// report say it. A NOTICE under slack.minSeverity is not "under a CRITICAL": before this
// function every alert missing from `sent` was said to be.

const notice = makeAlert({ series: 'free', metric: 'dau', level: 1000, value: 1090, severity: 'NOTICE' });
const critical = makeAlert({ series: 'pro', metric: 'dau', level: 1000, value: 1600 });

describe('deliveryText', () => {
  it('names a posted alert new, or its day, or how it was escalated', () => {
    expect(deliveryText({ sent: [newAlert(critical)], inhibited: [] }, critical)).toBe('new');
    expect(deliveryText({ sent: [{ ...newAlert(critical), lifecycle: { kind: 'ongoing', day: 3 } }], inhibited: [] }, critical)).toBe('day 3');
    expect(deliveryText({ sent: [{ ...newAlert(critical), lifecycle: { kind: 'ongoing', day: 3 }, escalatedFrom: 'WARNING' }], inhibited: [] }, critical)).toBe('sent as CRITICAL: day 3');
  });

  it('tells an alert held under a CRITICAL from one below slack.minSeverity', () => {
    expect(deliveryText({ sent: [newAlert(critical)], inhibited: [notice] }, notice)).toBe('not sent: under a CRITICAL of its series');
    expect(deliveryText({ sent: [newAlert(critical)], inhibited: [] }, notice)).toBe('not sent: below slack.minSeverity');
  });
});
