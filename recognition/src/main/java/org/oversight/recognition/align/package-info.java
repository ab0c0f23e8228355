/**
 * face-api's dlib-style alignment: the rectangle cut out for the recognition network and the
 * canonical 150 × 150 aligned crop, reproduced exactly. Spec: docs/format.md §9.2 and §9.7.
 */
package org.oversight.recognition.align;
