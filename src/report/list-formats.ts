/** Formats of the listing commands (`runs`, `stability`): a terminal table, CSV or JSON. */
export const LIST_FORMATS = ['table', 'csv', 'json'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
