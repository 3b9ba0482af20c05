package synth

// topic is a subject area: its vault folder, what its notes talk about,
// its tags and the languages of its code.
type topic struct {
	folder   string
	subjects []string
	tags     []string
	langs    []string
}

var topics = []topic{
	{"DevOps/Docker", []string{"Docker", "Image Layers", "Multi-stage Builds", "Volumes", "Bridge Networks", "Container Runtime", "BuildKit", "Compose"},
		[]string{"docker", "devops", "containers", "interview/devops"}, []string{"dockerfile", "bash", "yaml", "go"}},
	{"DevOps/Kubernetes", []string{"Pods", "Deployments", "Services", "Ingress", "ConfigMaps", "Secrets", "StatefulSets", "HPA", "Probes"},
		[]string{"kubernetes", "k8s", "devops", "interview/devops"}, []string{"yaml", "bash", "go"}},
	{"Backend/Go", []string{"Goroutines", "Channels", "Context", "Interfaces", "Escape Analysis", "The Scheduler", "sync.Pool", "Generics"},
		[]string{"go", "golang", "backend", "interview/backend"}, []string{"go", "bash", "yaml"}},
	{"Mobile/Kotlin", []string{"Coroutines", "Flows", "Sealed Classes", "Jetpack Compose", "ViewModels", "Room", "Dependency Injection"},
		[]string{"kotlin", "android", "mobile", "interview/mobile"}, []string{"kotlin", "bash", "yaml"}},
	{"Backend/Python", []string{"The GIL", "asyncio", "Decorators", "Generators", "Django ORM", "FastAPI", "Type Hints"},
		[]string{"python", "backend", "interview/backend"}, []string{"python", "bash", "dockerfile", "yaml"}},
	{"System Design", []string{"Caching", "Sharding", "Rate Limiting", "Load Balancers", "Message Queues", "Consistent Hashing", "CDNs"},
		[]string{"system-design", "architecture", "interview/design"}, []string{"go", "python", "yaml", "kotlin"}},
	{"Databases", []string{"Indexes", "Transactions", "Isolation Levels", "Replication", "Postgres", "Redis", "Query Plans"},
		[]string{"databases", "sql", "postgres", "interview/backend"}, []string{"python", "go", "bash", "yaml"}},
}

var subfolders = []string{"Basics", "Advanced", "Deep Dives", "Mock Interviews"}

var titleSuffixes = []string{"Interview Notes", "Deep Dive", "Cheat Sheet", "Q&A", "Notes", "Prep"}

var sectionAngles = []string{"The Old Problem", "How It Works", "Real Pain Points", "Trade-offs", "In Production", "Common Mistakes", "Interview-Level Clarity", "Debugging"}

var sources = []string{"mock interview", "book", "course", "on-call", "blog post"}

var answerLeads = []string{"Your Answer:", "Your Answer (Real, Not Textbook):", "Short answer:", "What I'd say:", "Nailed It Answer:"}

var questionForms = []string{
	"What problem does %s solve that %s couldn't?",
	"Walk me through how %s works and where %s fits",
	"When would you pick %s over %s?",
	"What breaks first with %s under load, and how does %s help?",
	"How did you debug %s in production? Where did %s come in?",
	"What's the actual difference between %s and %s?",
}

var sentenceForms = []string{
	"%s keeps the hot path small, which is why %s matters for %s.",
	"In production we leaned on %s; %s only helped once the %s was under control.",
	"The trade-off: %s is simpler, but %s gives you better %s.",
	"Most outages I saw with %s came from misconfigured %s and ignored %s.",
	"Interviewers want to hear that %s and %s are about %s, not syntax.",
	"Measure before tuning %s: profile %s and watch the %s.",
	"A common mistake is treating %s like %s and forgetting the %s.",
	"%s scales horizontally; %s needs care around the %s.",
}

var nouns = []string{"latency", "throughput", "isolation", "memory", "startup time", "cost", "consistency", "backpressure", "observability", "security", "portability", "rollbacks", "caching", "retries", "timeouts"}

var cellValues = []string{"Yes", "No", "Milliseconds", "Minutes", "50-500MB", "2-10GB", "Near-native", "~5-10% overhead", "Process-level", "Full OS", "`O(1)`", "`O(log n)`", "Strong", "Eventual", "Per request", "Shared"}

var calloutKinds = []string{"tip", "note", "warning", "important", "example", "question"}

var calloutTitles = []string{"Say this in the interview", "Gotcha", "Remember", "From the trenches", "Why it matters"}

var quickHeadings = []string{"Quick Reference", "One-Liners", "Cheat Sheet", "TL;DR"}

// labels are the ways a language's fences are labelled in real notes; ""
// is an unlabelled fence.
var labels = map[string][]string{
	"go":         {"go", "go", "go", "golang", "Go", ""},
	"kotlin":     {"kotlin", "kotlin", "Kotlin", "kt", ""},
	"bash":       {"bash", "bash", "sh", "shell", "Bash", ""},
	"yaml":       {"yaml", "yaml", "yml", "YAML", ""},
	"dockerfile": {"dockerfile", "Dockerfile", "docker", ""},
	"python":     {"python", "python", "py", "Python", ""},
}

// costFormulas, inlineFormulas and displayFormulas are TeX as interview
// notes write it (complexities, recurrences, probabilities).
var costFormulas = []string{
	`O(1)`, `O(\log n)`, `O(n)`, `O(n \log n)`, `O(n^2)`, `\Theta(n + m)`, `O(V + E)`, `O(2^n)`, `\Omega(n \log n)`, `O(\sqrt{n})`,
}

var inlineFormulas = []string{
	`T(n) = 2T(n/2) + O(n)`,
	`\sum_{i=1}^{n} i = \frac{n(n+1)}{2}`,
	`\log_2 10^6 \approx 20`,
	`\alpha = n / m \le 0.75`,
	`p^k \ge 0.99`,
	`h = \lceil \log_2 (n+1) \rceil`,
}

var displayFormulas = []string{
	`T(n) = a\,T\left(\frac{n}{b}\right) + f(n)`,
	`P(\text{collision}) \approx 1 - e^{-\frac{n^2}{2m}}`,
	`\text{throughput} = \frac{\text{requests}}{\text{second}} \times \frac{1}{\text{latency}}`,
	`\binom{n}{k} = \frac{n!}{k!\,(n-k)!}`,
	`\mathbb{E}[X] = \sum_{x} x \, P(X = x)`,
}
