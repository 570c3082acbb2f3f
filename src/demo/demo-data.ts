import { buildAnomalyPlan, type AnomalyPlan } from './anomaly-plan.js';
import { apiCustomers, type ApiCustomer } from './api-customers.js';
import { generateApiRequests, type ApiRequestRows } from './api-requests.js';
import { DemoCalendar } from './calendar.js';
import { generateGpuCost, type GpuCostRows } from './gpu-cost.js';
import { orgTokenQuotas } from './org-quotas.js';
import { generateOrgs, scaleOrgs, type DemoOrg } from './orgs.js';
import { generatePopulation, type Population } from './population.js';
import { simulateSubscriptions, type SubscriptionHistory } from './subscriptions.js';
import type { DemoOptions } from './types.js';
import { simulateUsage, type UsageRows } from './usage.js';

/**
 * Everything the demo warehouse holds. The small parts are built up front; the rest is
 * produced on demand, the big tables as batches of typed-array columns, so that the
 * writer can load one batch into DuckDB while the next is being generated, and memory
 * does not grow with the data.
 */
export interface DemoData {
  options: Required<DemoOptions>;
  calendar: DemoCalendar;
  plan: AnomalyPlan;
  /** The roster with seats at the chosen scale. */
  orgs: DemoOrg[];
  quotas: number[];
  population: Population;
  /** Simulated on first use (then kept): the writer starts on other tables meanwhile. */
  subscriptions(): SubscriptionHistory;
  customers: ApiCustomer[];
  gpuCost(): GpuCostRows;
  /** Each call starts over and yields the same batches; a batch's buffer is reused for the next. */
  usageBatches(): Generator<UsageRows, void, undefined>;
  apiRequestBatches(): Generator<ApiRequestRows, void, undefined>;
}

/**
 * Pure and deterministic: each part draws from its own seeded stream, so the same
 * options give the same data on every machine, whatever order the parts are generated
 * in. Only data flows order them: subscriptions decide the tier each usage row carries.
 */
export function buildDemoData(options: Required<DemoOptions>): DemoData {
  const { seed, scale } = options;
  const calendar = new DemoCalendar(options.end, options.days);
  const plan = buildAnomalyPlan(seed, calendar);
  const orgs = scaleOrgs(generateOrgs(seed), scale);
  const population = generatePopulation(seed, orgs, scale);
  let simulated: SubscriptionHistory | undefined;
  const subscriptions = (): SubscriptionHistory => (simulated ??= simulateSubscriptions(seed, calendar, population, plan));
  const customers = apiCustomers(orgs);
  return {
    options,
    calendar,
    plan,
    orgs,
    quotas: orgTokenQuotas(seed, orgs, population),
    population,
    subscriptions,
    customers,
    gpuCost: () => generateGpuCost(seed, calendar, customers, plan),
    usageBatches: () => simulateUsage(seed, calendar, orgs, population, subscriptions(), plan),
    apiRequestBatches: () => generateApiRequests(seed, calendar, customers, plan),
  };
}
