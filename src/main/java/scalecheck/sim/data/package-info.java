/**
 * Data of the experiments: synthetic teachers on the sphere |x| = sqrt(d) (Geiger, Spigler, Jacot
 * and Wyart, J. Stat. Mech. 2020), the 2D teacher-student of Chizat, Oyallon and Bach (NeurIPS 2019),
 * a parity task, and CSV / IDX (MNIST format; LeCun et al., Proc. IEEE 1998) files with binary labels
 * by class parity. Entry points: {@link scalecheck.sim.data.Datasets#make} and
 * {@link scalecheck.sim.data.Datasets#sampler}.
 */
package scalecheck.sim.data;
