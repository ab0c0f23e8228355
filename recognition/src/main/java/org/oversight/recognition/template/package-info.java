/**
 * Version-1 face templates: the float descriptor quantised to 128 int8 components with the model
 * id, in double precision with a fixed order. Spec: docs/format.md §9.4.
 */
package org.oversight.recognition.template;
