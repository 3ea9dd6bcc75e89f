package draft

import (
	"reflect"
	"testing"
)

// A draft's own text reads back as the same draft; an edit changes the
// subject, the body and, when readable, the recipients.
func TestEditedReadsTheHeadersAndTheBody(t *testing.T) {
	d := Draft{Kind: "thank_you", To: []Recipient{{Name: "Jo Park", First: "Jo", Email: "jo@acme.test"}}, Subject: "Thank you", Body: "Dear Jo,\n\nThanks.\n\nAna"}
	if got := d.Edited(d.Text()); !reflect.DeepEqual(got, d) {
		t.Errorf("the unedited text read back as %+v; want %+v", got, d)
	}
	got := d.Edited("To: Al Ray <al@acme.test>, bo@acme.test\r\nSubject: Thanks again\r\n\r\nDear Al,\r\nmore.\r\n\r\n")
	want := Draft{Kind: "thank_you", To: []Recipient{{Name: "Al Ray", Email: "al@acme.test"}, {Email: "bo@acme.test"}}, Subject: "Thanks again", Body: "Dear Al,\nmore."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edited = %+v; want %+v", got, want)
	}
	if got := d.Edited("Subject: Hi\nTo: [not an address\n\nBody"); !reflect.DeepEqual(got.To, d.To) || got.Subject != "Hi" || got.Body != "Body" {
		t.Errorf("an unreadable To line: %+v; want the original recipients, subject Hi, body Body", got)
	}
	if got := d.Edited("Just the body:\nno headers"); got.Body != "Just the body:\nno headers" || got.Subject != d.Subject {
		t.Errorf("no headers: %+v; want it all as the body", got)
	}
}
