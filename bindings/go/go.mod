module github.com/agentguard/agentguard/bindings/go

go 1.19
