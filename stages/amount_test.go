package stages

import "testing"

func TestParseAmount(t *testing.T) {
	good := map[string]int64{"180000": 180000, "180,000": 180000, "$180,000": 180000, "180k": 180000, "100K": 100000,
		"1.2m": 1200000, "200 000": 200000, "": 0, "€95k": 95000, "12_500": 12500}
	for in, want := range good {
		if got, err := ParseAmount(in); err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"lots", "-5", "1e9", "NaN", "inf", "12k5", "2000000m"} {
		if _, err := ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) accepted it", in)
		}
	}
}

func TestParseBonus(t *testing.T) {
	if a, p, err := ParseBonus("10%"); err != nil || a != 0 || p != 10 {
		t.Errorf("ParseBonus(10%%) = %d, %v, %v", a, p, err)
	}
	if a, p, err := ParseBonus("27k"); err != nil || a != 27000 || p != 0 {
		t.Errorf("ParseBonus(27k) = %d, %v, %v", a, p, err)
	}
	if _, _, err := ParseBonus("ten%"); err == nil {
		t.Error("ParseBonus(ten%) accepted it")
	}
}
