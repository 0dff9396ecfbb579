// tastebud/privacy: the pure privacy core (Node 20+, Web Workers, browsers; no DOM, no Node modules).
// Exact discrete samplers, the RDP accountant, and the Tier 1 report (docs/privacy-math.md).
export type { BuiltReport, PrivacyMode, ReportBody, ReportOptions } from './buildReport';
export { buildReport, REPORT_DEFAULTS } from './buildReport';
export { calibrateAnalyticGaussian } from './calibrateAnalyticGaussian';
export { clipAndQuantize } from './clipAndQuantize';
export { cryptoRandom } from './cryptoRandom';
export { decodeBase64 } from './decodeBase64';
export { DEFAULT_ORDERS } from './defaultOrders';
export { encodeBase64 } from './encodeBase64';
export { epsilonFromRdp } from './epsilonFromRdp';
export { gaussianDelta } from './gaussianDelta';
export { gaussianEpsilon } from './gaussianEpsilon';
export type { LedgerEntry, LedgerOptions } from './LedgerEntry';
export { ledgerEpsilon } from './ledgerEpsilon';
export { logNormalCdf } from './logNormalCdf';
export { normalCdf } from './normalCdf';
export type { RandomSource } from './RandomSource';
export { rdpGaussian } from './rdpGaussian';
export { rdpSampledGaussian } from './rdpSampledGaussian';
export type { ReportEpsilonOptions } from './reportEpsilon';
export { reportEpsilon } from './reportEpsilon';
export { sampleBernoulliExp } from './sampleBernoulliExp';
export { sampleDiscreteGaussian } from './sampleDiscreteGaussian';
export { sampleDiscreteGaussianVector } from './sampleDiscreteGaussianVector';
export { sampleDiscreteLaplace } from './sampleDiscreteLaplace';
export { uniformBigInt } from './uniformBigInt';
export { uniformInt } from './uniformInt';
export { wouldExceedBudget } from './wouldExceedBudget';
