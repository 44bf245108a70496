import type { AdmissionQueueOptions } from '@miyu/platform/admission-queue';

/**
 * sendMessage's admission (issue #15): under a burst a send either writes promptly or is refused
 * with a retryable SERVICE_UNAVAILABLE (503, Retry-After) before anything is written, and the
 * client sends it again with the same clientMessageId. The longest wait (2 s) stays far below the
 * router's 10 s subgraph timeout, so the router never gives up on a send that then commits. Eight
 * at once keeps the three-row write to milliseconds on a pool of ten connections that the reply
 * jobs share.
 */
export const SEND_ADMISSION: AdmissionQueueOptions = {
  maxConcurrent: 8,
  maxQueued: 400,
  maxWaitMs: 2_000,
  retryAfterSeconds: 1,
};
