/**
 * Where a user reads which source tables and columns each domain's SQL expects. The
 * README ships with the package; the product spec the domains came from does not.
 */
export const SOURCE_TABLES_DOC = 'README.md#the-five-domains';
