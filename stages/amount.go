package stages

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseAmount reads an amount the way people write one: "180000",
// "180,000", "$180,000", "180k" or "1.2m". Empty text is 0. The command
// line and the UI both read amounts here, so they accept the same things.
func ParseAmount(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, nil
	}
	t = strings.NewReplacer(",", "", "_", "", " ", "", "$", "", "€", "", "£", "").Replace(t)
	mult := 1.0
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1e3, strings.TrimSuffix(t, "k")
	case strings.HasSuffix(t, "m"):
		mult, t = 1e6, strings.TrimSuffix(t, "m")
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%q is negative: an amount is 0 or more", s)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*mult > 1e12 || strings.ContainsAny(t, "einfINF") {
		return 0, fmt.Errorf("%q is not an amount: type a whole number like 180000, 180,000 or 180k", s)
	}
	return int64(f*mult + 0.5), nil
}

// ParsePercent reads a percentage like "15%" or "15".
func ParsePercent(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || v < 0 || v > 1000 || strings.ContainsAny(t, "einfINF") {
		return 0, fmt.Errorf("%q is not a percentage: type something like 15%%", s)
	}
	return v, nil
}

// ParseBonus reads a yearly bonus: an amount, or a percentage of base when
// it ends in %.
func ParseBonus(s string) (amount int64, percent float64, err error) {
	if strings.HasSuffix(strings.TrimSpace(s), "%") {
		percent, err = ParsePercent(s)
		return 0, percent, err
	}
	amount, err = ParseAmount(s)
	return amount, 0, err
}
