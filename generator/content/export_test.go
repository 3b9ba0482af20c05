package content

// ShortcodeLike returns the shortcode-like texts the tests use.
func ShortcodeLike() []string { return shortcodeLike }
