// Package numerics does all the arithmetic behind kernelpress's
// computational explainers and returns it as plain data ([]float64 and
// [][]float64) for other packages to plot and render.
//
// It covers three things: sampled test signals (Grid, Signal, Presets),
// Nadaraya–Watson kernel smoothing (Kernel, Gaussian, Smooth) and
// single-head softmax attention over positions (Encoding, Matrix,
// Attention). The explainer's claim is that the last two are the same
// weighted average: attention is Nadaraya–Watson smoothing with the kernel
// K(u, v) = exp(q(v)·k(u)/(√d_k·T)), which DotProductKernel spells out.
//
// Further figures carry the argument on: more kernels on positions
// (Epanechnikov, Boxcar, Tricube, drawn with KernelProfile); leave-one-out
// cross-validation for choosing a bandwidth (LOOCV, LOOCVCurve, ArgMin);
// the exact identity between attention over a constant-norm encoding and a
// Gaussian smoother in embedding space (ConstantNormEncoding,
// EmbeddingGaussian, EquivalentTemperature); and Train, which fits
// attention's W_q, W_k and temperature by gradient descent so that its
// weights mimic a smoother's, with FitTemperature, the best fit by the
// temperature alone, as the baseline to compare it with.
//
// Both methods normalise their weights with one numerically stable
// Softmax over log-kernel values, so tiny bandwidths, low temperatures and
// huge logits neither overflow to Inf nor underflow to 0/0.
//
// The package knows nothing about HTML, figures or files.
package numerics
