/**
 * JPEG decoding with the JDK's decoder into 8-bit RGB rasters, and the image operations face-api
 * applies before each network, exactly as TensorFlow.js's CPU backend computes them. Spec:
 * docs/format.md §9.7.
 */
package org.oversight.recognition.image;
