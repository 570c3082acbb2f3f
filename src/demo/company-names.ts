/**
 * Invented company names for the demo's enterprise customers. Any resemblance to a
 * real company is accidental; the list only needs to read like a customer roster.
 */
export const COMPANY_NAMES: readonly string[] = [
  'Acme Corp', 'Brightline Media', 'Kestrel Analytics', 'Harborview Health', 'Quanta Retail',
  'Meridian Logistics', 'Pinecrest Studios', 'Lumen Apparel', 'Orbital Games', 'Silverleaf Insurance',
  'Cobalt Robotics', 'Northgate Bank', 'Fernhill Publishing', 'Tidewater Energy', 'Granite Legal',
  'Bluefin Travel', 'Cedar & Stone Architects', 'Helios Solar', 'Ironwood Manufacturing', 'Juniper Foods',
  'Larkspur Education', 'Mosaic Marketing', 'Nimbus Cloudworks', 'Oakridge Pharma', 'Parallax Films',
  'Redwood Realty', 'Saffron Hospitality', 'Tessellate Design', 'Upland Outdoor', 'Vantage Telecom',
  'Westbrook Consulting', 'Yarrow Biotech', 'Zephyr Airlines', 'Amberly Fashion', 'Beacon Newsroom',
  'Crescent Automotive', 'Driftwood Interiors', 'Evergreen Grocers', 'Foxglove Cosmetics', 'Glasshouse Ventures',
  'Hollow Pine Toys', 'Indigo Print Co', 'Keystone Civil', 'Lighthouse Nonprofit', 'Maple & Finch Agency',
  'Northwind Traders', 'Opal Jewelry', 'Peregrine Security', 'Quill Learning', 'Riverbend Hotels',
  'Summit Sports', 'Tangent Software', 'Umber Coffee Roasters', 'Vireo Fintech', 'Willow Creek Clinics',
];

/** Orgs whose usage the monitor never counts (DOMAINS.md: `excluded`). */
export const INTERNAL_ORG_NAME = 'Internal Staff Workspace';
export const PARTNER_ORG_NAME = 'Reseller Partner Sandbox';
