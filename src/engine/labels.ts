/** Labels on everything isobench creates, so a sweep can find and remove it. */
export const LABEL_RUN_ID = 'isobench.run-id';
export const LABEL_KIND = 'isobench.kind';
export const LABEL_TRIAL = 'isobench.trial';
