package tags

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2/lexers"
)

// wellKnown are spellings of tools, languages and ideas that interview
// notes tag often, as their own projects write them. They complete
// Chroma's lexer names (languages and file formats) and win over them.
var wellKnown = []string{
	"Airflow", "Android", "Angular", "Ansible", "API", "AWS", "Azure",
	"Cassandra", "ClickHouse", "CockroachDB", "Consul", "CSS",
	"DevOps", "DNS", "Docker", "DynamoDB",
	"Elasticsearch", "Envoy", "etcd",
	"FastAPI", "Flink", "Flutter",
	"GCP", "Git", "GitHub", "GitLab", "Go", "Gradle", "Grafana", "GraphQL", "gRPC",
	"Hadoop", "Helm", "Hibernate", "HTTP", "HTTPS",
	"iOS", "Istio",
	"Java", "JavaScript", "Jenkins", "Jetpack", "Jira", "JSON", "JVM", "JWT",
	"Kafka", "Kotlin", "Kubernetes",
	"LeetCode", "Linux",
	"macOS", "MariaDB", "Maven", "MongoDB", "MySQL",
	"Nginx", "NoSQL", "npm",
	"OAuth", "OpenAPI", "OpenTelemetry",
	"PostgreSQL", "Prometheus", "Python",
	"RabbitMQ", "React", "Redis", "REST", "RxJava",
	"SQL", "SQLite", "SRE", "SSH", "SwiftUI", "systemd",
	"TCP", "Terraform", "TLS", "TypeScript",
	"UDP", "Ubuntu",
	"Vue", "WebSocket", "YAML", "Zookeeper",
}

// lexerNamesLeftOut are Chroma lexer names that are not how people write
// the term in prose.
var lexerNamesLeftOut = map[string]bool{"SYSTEMD": true, "PHTML": true, "FSharp": true, "EmacsLisp": true, "VimL": true}

var (
	termsOnce sync.Once
	terms     map[string]string // key -> spelling
)

// Term returns the well-known spelling of one tag word ("kubernetes" ->
// "Kubernetes"), from Chroma's lexer names and a short list of tools, or
// "" when the word is not a known term.
func Term(word string) string {
	termsOnce.Do(func() {
		terms = map[string]string{}
		for _, name := range lexers.Names(false) {
			if t, ok := Clean(name); ok && t == name && !strings.Contains(name, "/") && !lexerNamesLeftOut[name] && name != strings.ToLower(name) {
				terms[Key(name)] = name
			}
		}
		for _, name := range wellKnown {
			terms[Key(name)] = name
		}
	})
	return terms[Key(word)]
}

// builtinSynonyms are tags that name the same thing, by key: each maps
// to the key of the tag it merges into.
var builtinSynonyms = map[string]string{
	"k8s":      "kubernetes",
	"golang":   "go",
	"js":       "javascript",
	"ts":       "typescript",
	"postgres": "postgresql",
	"mongo":    "mongodb",
	"py":       "python",
	"cpp":      "c++",
	"csharp":   "c#",
}
