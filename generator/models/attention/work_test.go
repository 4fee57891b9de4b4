package attention

import (
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
)

func TestWorkEstimatesFollowTheSizeOfTheFigure(t *testing.T) {
	// The smoother and attention each weigh n² pairs, so doubling n
	// multiplies the pair work by four and the drawing work by two.
	small, large := &compareOptions{}, &compareOptions{}
	small.N, large.N = 1000, 2000
	if got, want := small.Work(), int64(2*1000*1000+3*1000*directive.PointWork); got != want {
		t.Errorf("{compare} at n = 1000: work %d, want 2n² + 3n·PointWork = %d", got, want)
	}
	if large.Work() <= 2*small.Work() {
		t.Errorf("{compare} work does not grow faster than n: %d at n = 1000, %d at n = 2000", small.Work(), large.Work())
	}
	train := &trainOptions{Steps: 20000}
	train.N = 70
	if got := train.Work(); got != (20000+360)*70*70 {
		t.Errorf("{train} work %d, want (steps + 360) × n² = %d (training, and the cosine's best temperature)", got, (20000+360)*70*70)
	}
}
