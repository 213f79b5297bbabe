# METADATA
# title: Router
# description: |
#   The one query the engine prepares. It references every rule's report
#   through data.ecslint.rules[category][id], which OPA indexes, instead of
#   iterating the package tree (measured 20-35 % slower). Disabled rules are
#   not compiled at all, so they cost nothing here.
package ecslint.main

findings contains {
	"rule": id,
	"category": category,
	"message": r.message,
	"path": r.path,
	"severity": object.get(r, "severity", ""),
} if {
	some r in data.ecslint.rules[category][id].report
}
