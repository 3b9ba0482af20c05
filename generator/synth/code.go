package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// codeFor returns about lines lines of plausible code in lang, ending in
// a newline. Identifiers and numbers vary, so fences rarely repeat.
func codeFor(r *rand.Rand, lang string, lines int) string {
	c := &coder{r: r}
	switch lang {
	case "go":
		c.goCode(lines)
	case "kotlin":
		c.kotlinCode(lines)
	case "bash":
		c.bashCode(lines)
	case "yaml":
		c.yamlCode(lines)
	case "dockerfile":
		c.dockerCode(lines)
	default:
		c.pythonCode(lines)
	}
	return c.b.String()
}

type coder struct {
	r *rand.Rand
	b strings.Builder
	n int
}

func (c *coder) line(format string, args ...any) {
	fmt.Fprintf(&c.b, format, args...)
	c.b.WriteByte('\n')
	c.n++
}

func (c *coder) ident() string { return pick(c.r, idents) + pick(c.r, identTails) }
func (c *coder) num() int      { return 1 + c.r.IntN(500) }
func (c *coder) word() string  { return pick(c.r, idents) }
func (c *coder) typ() string   { return pick(c.r, typeNames) }

var (
	idents     = []string{"user", "order", "cache", "conn", "req", "resp", "item", "job", "worker", "event", "shard", "node", "pod", "token", "batch", "queue", "session", "limit"}
	identTails = []string{"", "ID", "Count", "s", "Map", "Ch", "Ctx", "Buf", "Key", "Timeout"}
	typeNames  = []string{"Order", "User", "Cache", "Event", "Job", "Shard", "Limiter", "Session", "Store", "Client"}
	images     = []string{"golang:1.23-alpine", "python:3.12-slim", "node:20-alpine", "gcr.io/distroless/static", "alpine:3.20", "eclipse-temurin:21-jre"}
)

func (c *coder) goCode(lines int) {
	t := c.typ()
	c.line("// %s%s handles %s for the %s service.", pick(c.r, []string{"Process", "Handle", "Sync", "Load"}), t, c.word(), c.word())
	c.line("func (s *%sService) %s%s(ctx context.Context, %s []%s) error {", t, pick(c.r, []string{"Process", "Handle", "Sync", "Load"}), t, c.ident(), t)
	for c.n < lines-2 {
		switch c.r.IntN(8) {
		case 0:
			c.line("\tctx, cancel := context.WithTimeout(ctx, %d*time.Millisecond)", c.num()*10)
			c.line("\tdefer cancel()")
		case 1:
			v := c.ident()
			c.line("\t%s, err := s.store.Get%s(ctx, %q)", v, t, c.word())
			c.line("\tif err != nil {")
			c.line("\t\treturn fmt.Errorf(\"get %s: %%w\", err)", c.word())
			c.line("\t}")
		case 2:
			c.line("\tfor i, %s := range %s {", c.word(), c.ident())
			c.line("\t\tif i >= %d {", c.num())
			c.line("\t\t\tbreak")
			c.line("\t\t}")
			c.line("\t}")
		case 3:
			c.line("\tvar wg sync.WaitGroup")
			c.line("\tresults := make(chan %s, %d)", t, c.num())
			c.line("\twg.Add(1)")
			c.line("\tgo func() { defer wg.Done(); results <- %s{} }()", t)
		case 4:
			c.line("\tselect {")
			c.line("\tcase <-ctx.Done():")
			c.line("\t\treturn ctx.Err()")
			c.line("\tcase %s := <-s.%s:", c.word(), c.ident())
			c.line("\t\ts.log.Info(\"received\", \"%s\", %s)", c.word(), c.word())
			c.line("\t}")
		case 5:
			c.line("\ts.mu.Lock()")
			c.line("\ts.%s[%q] = %d", c.ident(), c.word(), c.num())
			c.line("\ts.mu.Unlock()")
		case 6:
			c.line("\tif len(%s) > %d { // keep batches small", c.ident(), c.num())
			c.line("\t\treturn errors.New(\"%s: batch too large\")", c.word())
			c.line("\t}")
		default:
			c.line("\tmetrics.%sTotal.WithLabelValues(%q).Inc()", t, c.word())
		}
	}
	c.line("\treturn nil")
	c.line("}")
}

func (c *coder) kotlinCode(lines int) {
	t := c.typ()
	c.line("class %sRepository(private val api: %sApi, private val dao: %sDao) {", t, t, t)
	for c.n < lines-1 {
		switch c.r.IntN(6) {
		case 0:
			c.line("    suspend fun load%s(id: String): %s = withContext(Dispatchers.IO) {", t, t)
			c.line("        dao.find(id) ?: api.fetch(id).also { dao.insert(it) }")
			c.line("    }")
		case 1:
			c.line("    fun observe%s(): Flow<List<%s>> = dao.observeAll()", c.word(), t)
			c.line("        .map { list -> list.filter { it.%s > %d } }", c.word(), c.num())
			c.line("        .distinctUntilChanged()")
		case 2:
			c.line("    private val %s = MutableStateFlow<%sState>(%sState.Loading)", c.ident(), t, t)
		case 3:
			c.line("    sealed interface %sState {", t)
			c.line("        data object Loading : %sState", t)
			c.line("        data class Ready(val items: List<%s>) : %sState", t, t)
			c.line("    }")
		case 4:
			c.line("    // retry with backoff: %d attempts", 1+c.r.IntN(5))
			c.line("    suspend fun <T> retry(times: Int = %d, block: suspend () -> T): T {", 1+c.r.IntN(5))
			c.line("        repeat(times - 1) { runCatching { return block() }; delay(%dL) }", c.num()*10)
			c.line("        return block()")
			c.line("    }")
		default:
			c.line("    val %s by lazy { %sCache(maxSize = %d) }", c.ident(), t, c.num())
		}
	}
	c.line("}")
}

func (c *coder) bashCode(lines int) {
	c.line("#!/usr/bin/env bash")
	c.line("set -euo pipefail")
	for c.n < lines {
		switch c.r.IntN(7) {
		case 0:
			c.line("kubectl get pods -n %s -l app=%s -o wide", c.word(), c.word())
		case 1:
			c.line("docker build -t registry.example.com/%s:%d .", c.word(), c.num())
			c.line("docker push registry.example.com/%s:%d", c.word(), c.num())
		case 2:
			c.line("for %s in $(seq 1 %d); do", c.word(), c.num())
			c.line("  curl -fsS \"http://localhost:%d/health\" || echo \"retry $%s\"", 8000+c.num(), c.word())
			c.line("done")
		case 3:
			c.line("kubectl rollout status deployment/%s --timeout=%ds", c.word(), c.num())
		case 4:
			c.line("if [[ -z \"${%s:-}\" ]]; then", strings.ToUpper(c.word())+"_URL")
			c.line("  echo \"missing %s\" >&2; exit 1", strings.ToUpper(c.word()))
			c.line("fi")
		case 5:
			c.line("go test -race -count=1 ./%s/... | tee /tmp/%s.log", c.word(), c.word())
		default:
			c.line("export %s=%d  # tuned after load test", strings.ToUpper(c.ident()), c.num())
		}
	}
}

func (c *coder) yamlCode(lines int) {
	name := c.word()
	c.line("apiVersion: apps/v1")
	c.line("kind: Deployment")
	c.line("metadata:")
	c.line("  name: %s-%s", name, c.word())
	c.line("  labels:")
	c.line("    app: %s", name)
	c.line("spec:")
	c.line("  replicas: %d", 1+c.r.IntN(9))
	c.line("  template:")
	c.line("    spec:")
	c.line("      containers:")
	for c.n < lines {
		c.line("        - name: %s", c.word())
		c.line("          image: %s", pick(c.r, images))
		c.line("          ports:")
		c.line("            - containerPort: %d", 8000+c.num())
		c.line("          resources:")
		c.line("            limits: {cpu: \"%dm\", memory: \"%dMi\"}", c.num(), c.num()*2)
		c.line("          readinessProbe:")
		c.line("            httpGet: {path: /healthz, port: %d}", 8000+c.num())
	}
}

func (c *coder) dockerCode(lines int) {
	c.line("# syntax=docker/dockerfile:1")
	c.line("FROM %s AS build", pick(c.r, images))
	c.line("WORKDIR /src")
	for c.n < lines-4 {
		switch c.r.IntN(5) {
		case 0:
			c.line("COPY go.mod go.sum ./")
			c.line("RUN --mount=type=cache,target=/go/pkg/mod go mod download")
		case 1:
			c.line("COPY ./%s ./%s", c.word(), c.word())
		case 2:
			c.line("RUN apk add --no-cache ca-certificates tzdata && \\")
			c.line("    adduser -D -u %d app", 1000+c.num())
		case 3:
			c.line("ENV %s=%d", strings.ToUpper(c.ident()), c.num())
		default:
			c.line("RUN CGO_ENABLED=0 go build -trimpath -o /out/%s ./cmd/%s", c.word(), c.word())
		}
	}
	c.line("FROM gcr.io/distroless/static")
	c.line("COPY --from=build /out/ /app/")
	c.line("USER %d", 1000+c.num())
	c.line("ENTRYPOINT [\"/app/%s\"]", c.word())
}

func (c *coder) pythonCode(lines int) {
	t := c.typ()
	c.line("class %sService:", t)
	c.line("    def __init__(self, %s, timeout=%d):", c.ident(), c.num())
	c.line("        self.timeout = timeout")
	for c.n < lines {
		switch c.r.IntN(5) {
		case 0:
			c.line("")
			c.line("    async def fetch_%s(self, %s_id: str) -> dict:", c.word(), c.word())
			c.line("        async with self.session.get(f\"/%s/{%s_id}\") as resp:", c.word(), c.word())
			c.line("            resp.raise_for_status()")
			c.line("            return await resp.json()")
		case 1:
			c.line("")
			c.line("    @functools.lru_cache(maxsize=%d)", c.num())
			c.line("    def %s(self, key):", c.ident())
			c.line("        return [x for x in self.items if x.%s > %d]", c.word(), c.num())
		case 2:
			c.line("")
			c.line("    def batches(self, items, size=%d):", c.num())
			c.line("        for i in range(0, len(items), size):")
			c.line("            yield items[i:i + size]")
		case 3:
			c.line("        # retry on transient errors only")
			c.line("        for attempt in range(%d):", 1+c.r.IntN(5))
			c.line("            try:")
			c.line("                return self.client.%s()", c.word())
			c.line("            except TimeoutError:")
			c.line("                time.sleep(2 ** attempt)")
		default:
			c.line("        self.%s = {} # %s -> %s", c.ident(), c.word(), c.word())
		}
	}
}
