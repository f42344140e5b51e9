/**
 * The model zoo: the folder of trained models with their cards, its training protocol, and the runs that
 * {@code lossbench models zoo-train} trains.
 */
package org.lossbench.models.zoo;

