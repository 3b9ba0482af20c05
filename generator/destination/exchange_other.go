//go:build !linux

package destination

func exchangeAtomic(a, b string) error { return errNoExchange }
