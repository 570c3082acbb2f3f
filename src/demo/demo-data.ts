import { buildAnomalyPlan, type AnomalyPlan } from './anomaly-plan.js';
import { apiCustomers, type ApiCustomer } from './api-customers.js';
import { generateApiRequests, type ApiRequestRows } from './api-requests.js';
import { DemoCalendar } from './calendar.js';
import { generateGpuCost, type GpuCostRows } from './gpu-cost.js';
import { orgTokenQuotas } from './org-quotas.js';
import { generateOrgs, type DemoOrg } from './orgs.js';
import { generatePopulation, type Population } from './population.js';
import { simulateSubscriptions, type SubscriptionHistory } from './subscriptions.js';
import type { DemoOptions } from './types.js';
import { simulateUsage, type UsageRows } from './usage.js';

/** Everything the demo warehouse holds, generated in memory as typed-array columns. */
export interface DemoData {
  options: DemoOptions;
  calendar: DemoCalendar;
  plan: AnomalyPlan;
  orgs: DemoOrg[];
  quotas: number[];
  population: Population;
  subscriptions: SubscriptionHistory;
  usage: UsageRows;
  customers: ApiCustomer[];
  gpuCost: GpuCostRows;
  apiRequests: ApiRequestRows;
}

/**
 * Pure and deterministic: each part draws from its own seeded stream, so the same
 * options give the same data on every machine. Order matters only where data flows:
 * subscriptions decide the tier each usage row carries.
 */
export function buildDemoData(options: DemoOptions): DemoData {
  const { seed } = options;
  const calendar = new DemoCalendar(options.end, options.days);
  const plan = buildAnomalyPlan(seed, calendar);
  const orgs = generateOrgs(seed);
  const population = generatePopulation(seed, orgs);
  const subscriptions = simulateSubscriptions(seed, calendar, population, plan);
  const customers = apiCustomers(orgs);
  return {
    options,
    calendar,
    plan,
    orgs,
    quotas: orgTokenQuotas(seed, orgs, population),
    population,
    subscriptions,
    usage: simulateUsage(seed, calendar, orgs, population, subscriptions, plan),
    customers,
    gpuCost: generateGpuCost(seed, calendar, customers, plan),
    apiRequests: generateApiRequests(seed, calendar, customers, plan),
  };
}
