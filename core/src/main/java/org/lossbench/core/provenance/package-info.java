/**
 * What every output records about the software that produced it: lossbench's version, the git commit of
 * the checkout, the Java and ONNX Runtime versions ({@link org.lossbench.core.provenance.Provenance}).
 */
package org.lossbench.core.provenance;

