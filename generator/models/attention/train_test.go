package attention

import "testing"

func TestTrainNoteGivesTheFinalRateAndTheCosineBaseline(t *testing.T) {
	// 200 steps: the loss goes from 0.008 to 0.002 at step 100 and 0.0018
	// at step 200, a fall of 1 − 0.0018/0.002 = 10 % over the last 100
	// steps; the cosine's 0.0036 is twice the final loss.
	loss := make([]float64, 201)
	loss[0], loss[100], loss[200] = 0.008, 0.002, 0.0018
	want := "Loss fell from 0.008 to 0.0018 in 200 steps, by 10 % over the last 100; the fitted temperature is 0.25. " +
		"The cosine kernel alone (W_q = W_k = diag(1, 1, 0, 0)) does best at T = 0.15, with loss 0.0036, 2 times the trained loss."
	if got := trainNote(loss, 0.25, 0.15, 0.0036); got != want {
		t.Errorf("note\n%s\nwant\n%s", got, want)
	}
	// A run shorter than the window measures the fall over all its steps.
	short := []float64{0.004, 0.003, 0.002, 0.001}
	want = "Loss fell from 0.004 to 0.001 in 3 steps, by 75 % over the last 3; the fitted temperature is 1. " +
		"The cosine kernel alone (W_q = W_k = diag(1, 1, 0, 0)) does best at T = 0.5, with loss 0.003, 3 times the trained loss."
	if got := trainNote(short, 1, 0.5, 0.003); got != want {
		t.Errorf("note\n%s\nwant\n%s", got, want)
	}
}
