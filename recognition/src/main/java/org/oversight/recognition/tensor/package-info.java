/**
 * Float32 tensors and the networks' kernels with a fixed, documented evaluation order, so every
 * output element is a deterministic function of the inputs on every JVM and JIT tier. Spec:
 * docs/format.md §9.3.
 */
package org.oversight.recognition.tensor;
