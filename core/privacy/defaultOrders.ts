/**
 * The Rényi orders α at which the accountant evaluates privacy loss:
 * {1.1, 1.2, …, 10.9} ∪ {12, …, 63} ∪ {128, 256, 512} (the orders of TensorFlow Privacy and Opacus,
 * with three large ones for very small ε). Frozen: it is shared by every caller.
 */
export const DEFAULT_ORDERS: number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, i) => (11 + i) / 10),
  ...Array.from({ length: 52 }, (_, i) => 12 + i),
  128,
  256,
  512,
]) as number[]; // CONTRACT §7 types it number[]; frozen, so a caller cannot change the shared default
