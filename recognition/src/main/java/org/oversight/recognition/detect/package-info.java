/**
 * face-api's SSD MobileNet v1 face detector in pure Java, reproducing TensorFlow.js's CPU backend
 * step by step, with its non-maximum suppression. Spec: docs/format.md §9.7.
 */
package org.oversight.recognition.detect;
