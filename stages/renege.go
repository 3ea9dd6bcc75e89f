package stages

import "strings"

// Reneges lists the accepted applications among accepted, a itself aside,
// whose acceptance accepting a's offer would go back on (rule 17), as an
// acceptance's Reneged names them; nil when there is none. An acceptance
// from before a's final interview ended an earlier search, as the engine
// takes it (the withdraw prompts of rule 10 go to the applications
// interviewed before it): accepting a then starts no renege.
func Reneges(a *Application, accepted []Application) []ToldOffer {
	var out []ToldOffer
	for i := range accepted {
		o := &accepted[i]
		if at := o.AcceptedAt(); o.ID != a.ID && !at.IsZero() && !at.Before(a.Interviewed) {
			out = append(out, ToldOffer{App: o.ID, Company: o.Company})
		}
	}
	return out
}

// RenegeWords says which acceptances an acceptance goes back on: "the
// acceptance of Acme's offer", "the acceptances of Acme's and Globex's
// offers"; "" for none.
func RenegeWords(r []ToldOffer) string {
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "the acceptance of " + RenegedOffers(r)
	}
	return "the acceptances of " + RenegedOffers(r)
}

// RenegedOffers names the offers an acceptance goes back on: "Acme's
// offer", "Acme's and Globex's offers".
func RenegedOffers(r []ToldOffer) string {
	names := make([]string, len(r))
	for i, t := range r {
		names[i] = t.Company + "'s"
	}
	if len(r) == 1 {
		return names[0] + " offer"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " offers"
}
