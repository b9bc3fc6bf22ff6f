namespace PlexImprove.Agent.Brains.Llm;

/// <summary>
/// The JSON schemas requested as structured output. Not strict: strict mode would force every optional field and
/// is not served by every OpenAI-compatible server; the answer is validated in code either way.
/// </summary>
public static class AnswerSchemas
{
    public const string DiagnosisName = "diagnostic_report";
    public const string ReflectionName = "lesson_operations";

    public const string Diagnosis = """
    {
      "type": "object",
      "required": ["schemaVersion", "fixes"],
      "properties": {
        "schemaVersion": { "type": "integer", "enum": [1] },
        "fixes": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["id", "title", "agents", "rootCause", "evidence", "expectedVsObserved", "patch", "expectedResults", "priority", "confidence"],
            "properties": {
              "id": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" },
              "title": { "type": "string" },
              "agents": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
              "rootCause": { "type": "string" },
              "evidence": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["kind"],
                  "properties": {
                    "kind": { "type": "string", "enum": ["signature", "log", "code", "page", "research", "lesson"] },
                    "ref": { "type": "string" },
                    "excerpt": { "type": "string" }
                  }
                }
              },
              "expectedVsObserved": {
                "type": "object",
                "required": ["expected", "observed", "divergencePoint"],
                "properties": {
                  "expected": { "type": "string" },
                  "observed": { "type": "string" },
                  "divergencePoint": { "type": "string" }
                }
              },
              "patch": {
                "anyOf": [
                  { "type": "null" },
                  {
                    "type": "object",
                    "required": ["format", "content"],
                    "properties": {
                      "format": { "type": "string", "enum": ["unified-diff"] },
                      "content": { "type": "string" },
                      "allCopies": { "type": "boolean" }
                    }
                  },
                  {
                    "type": "object",
                    "required": ["format", "content"],
                    "properties": {
                      "format": { "type": "string", "enum": ["edits"] },
                      "content": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": ["file", "old", "new"],
                          "properties": { "file": { "type": "string" }, "old": { "type": "string" }, "new": { "type": "string" } }
                        }
                      },
                      "allCopies": { "type": "boolean" }
                    }
                  }
                ]
              },
              "expectedResults": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["metric", "direction"],
                  "properties": {
                    "metric": { "type": "string" },
                    "direction": { "type": "string", "enum": ["decrease", "increase"] },
                    "target": { "type": "number" },
                    "note": { "type": "string" }
                  }
                }
              },
              "successIndicators": { "type": "array", "items": { "type": "string" } },
              "failureIndicators": { "type": "array", "items": { "type": "string" } },
              "contingency": { "type": "string" },
              "priority": { "type": "string", "enum": ["HIGH", "MEDIUM", "LOW"] },
              "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
              "lessonsApplied": { "type": "array", "items": { "type": "string" } }
            }
          }
        },
        "uncovered": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["signatureId", "text", "reason"],
            "properties": { "signatureId": { "type": "string" }, "text": { "type": "string" }, "reason": { "type": "string" } }
          }
        },
        "notes": { "type": "array", "items": { "type": "string" } }
      }
    }
    """;

    public const string Reflection = """
    {
      "type": "object",
      "required": ["operations"],
      "properties": {
        "operations": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["op", "evidence"],
            "properties": {
              "op": { "type": "string", "enum": ["ADD", "CONFIRM", "EDIT", "CONTRADICT"] },
              "ruleId": { "type": "string" },
              "phase": { "type": "string", "enum": ["aggregate", "diagnose", "implement", "test", "postmortem", "coordinate"] },
              "polarity": { "type": "string", "enum": ["DO", "DONT"] },
              "text": { "type": "string" },
              "tags": { "type": "array", "items": { "type": "string" } },
              "evidence": {
                "type": "object",
                "required": ["delta"],
                "properties": { "iteration": { "type": "integer" }, "fixId": { "type": "string" }, "delta": { "type": "string" } }
              }
            }
          }
        }
      }
    }
    """;
}
