#include "server/openapi.h"

namespace huiqi::server {
namespace {

// Kept as JSON text so it reads (and diffs) as the document it is. Edit it together with the
// routes in server.cc: the server tests fail when the two disagree.
constexpr std::string_view kDocument = R"openapi({
 "openapi": "3.0.3",
 "info": {
  "title": "huiqi (惠企) API",
  "version": "1",
  "description": "Support-policy lists for small businesses as a live policy base: search, items with extracted facts and status on a date, matching an enterprise profile, lists and their versions, documents, departments, statistics and exports. JSON in UTF-8. Reads are public; writes need a bearer token (`huiqi token create NAME`). Errors are {\"error\": {\"code\", \"message\", \"message_zh\", \"field\"?}} with a 4xx or 5xx status; unknown query parameters are refused (400) and name the parameter in `field`."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "tags": [
  {
   "name": "policies",
   "description": "Search and read the items"
  },
  {
   "name": "match",
   "description": "我能享受哪些政策: an enterprise profile against every item"
  },
  {
   "name": "lists",
   "description": "Published lists and their versions"
  },
  {
   "name": "catalog",
   "description": "Documents, departments, statistics, exports"
  },
  {
   "name": "admin",
   "description": "Writes, behind a bearer token"
  },
  {
   "name": "operations",
   "description": "Health, metrics, this description, the web page"
  }
 ],
 "paths": {
  "/api/v1/policies": {
   "get": {
    "tags": [
     "policies"
    ],
    "summary": "Search the items (Chinese full text, filters, facets), one page of hits",
    "operationId": "searchPolicies",
    "parameters": [
     {
      "$ref": "#/components/parameters/q"
     },
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/page"
     },
     {
      "$ref": "#/components/parameters/size"
     },
     {
      "$ref": "#/components/parameters/sort"
     },
     {
      "$ref": "#/components/parameters/highlight"
     },
     {
      "$ref": "#/components/parameters/category"
     },
     {
      "$ref": "#/components/parameters/department"
     },
     {
      "$ref": "#/components/parameters/document"
     },
     {
      "$ref": "#/components/parameters/level"
     },
     {
      "$ref": "#/components/parameters/beneficiary"
     },
     {
      "$ref": "#/components/parameters/industry"
     },
     {
      "$ref": "#/components/parameters/form"
     },
     {
      "$ref": "#/components/parameters/status"
     },
     {
      "$ref": "#/components/parameters/year"
     },
     {
      "$ref": "#/components/parameters/list"
     }
    ],
    "responses": {
     "200": {
      "description": "The hits of the page and the facets of all hits",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SearchResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "414": {
      "$ref": "#/components/responses/UriTooLong"
     }
    }
   }
  },
  "/api/v1/policies/{id}": {
   "get": {
    "tags": [
     "policies"
    ],
    "summary": "One item with its documents, departments, facts (with evidence) and status on as_of",
    "operationId": "getPolicy",
    "parameters": [
     {
      "$ref": "#/components/parameters/item_id"
     },
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/version"
     }
    ],
    "responses": {
     "200": {
      "description": "The item",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Item"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/api/v1/facets": {
   "get": {
    "tags": [
     "policies"
    ],
    "summary": "Only the facets of a search (the same parameters as /api/v1/policies)",
    "operationId": "getFacets",
    "parameters": [
     {
      "$ref": "#/components/parameters/q"
     },
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/page"
     },
     {
      "$ref": "#/components/parameters/size"
     },
     {
      "$ref": "#/components/parameters/sort"
     },
     {
      "$ref": "#/components/parameters/highlight"
     },
     {
      "$ref": "#/components/parameters/category"
     },
     {
      "$ref": "#/components/parameters/department"
     },
     {
      "$ref": "#/components/parameters/document"
     },
     {
      "$ref": "#/components/parameters/level"
     },
     {
      "$ref": "#/components/parameters/beneficiary"
     },
     {
      "$ref": "#/components/parameters/industry"
     },
     {
      "$ref": "#/components/parameters/form"
     },
     {
      "$ref": "#/components/parameters/status"
     },
     {
      "$ref": "#/components/parameters/year"
     },
     {
      "$ref": "#/components/parameters/list"
     }
    ],
    "responses": {
     "200": {
      "description": "Facet counts",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/FacetsAnswer"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "414": {
      "$ref": "#/components/responses/UriTooLong"
     }
    }
   }
  },
  "/api/v1/profile.schema.json": {
   "get": {
    "tags": [
     "match"
    ],
    "summary": "The JSON Schema of an enterprise profile (data/profile.schema.json): every field with its type, choices and their Chinese labels (x-labels), and the question that asks for it (x-question)",
    "operationId": "getProfileSchema",
    "responses": {
     "200": {
      "description": "The profile schema (JSON Schema 2020-12)",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/match": {
   "post": {
    "tags": [
     "match"
    ],
    "summary": "Match an enterprise profile against every item: eligible, likely (with questions), not eligible, with reasons and an amount estimate",
    "operationId": "matchProfile",
    "parameters": [
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/include_expired"
     }
    ],
    "requestBody": {
     "required": true,
     "description": "The profile (data/profile.schema.json in the project). At most 64 KiB.",
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Profile"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The match",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MatchResult"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "503": {
      "$ref": "#/components/responses/Unavailable"
     }
    }
   }
  },
  "/api/v1/lists": {
   "get": {
    "tags": [
     "lists"
    ],
    "summary": "Every list with its versions",
    "operationId": "getLists",
    "responses": {
     "200": {
      "description": "The lists",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Lists"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   },
   "post": {
    "tags": [
     "admin"
    ],
    "summary": "Import a list file as the list's next version (one transaction); the same report as `huiqi import --json`",
    "operationId": "importList",
    "security": [
     {
      "bearerAuth": []
     }
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/import_format"
     },
     {
      "$ref": "#/components/parameters/import_id"
     },
     {
      "$ref": "#/components/parameters/import_name"
     },
     {
      "$ref": "#/components/parameters/import_encoding"
     }
    ],
    "requestBody": {
     "required": true,
     "description": "The file's bytes (text layout, HTML table, CSV or huiqi JSON; UTF-8 or GB18030), at most 20 MiB. Any content type but a form.",
     "content": {
      "application/octet-stream": {
       "schema": {
        "type": "string",
        "format": "binary"
       }
      },
      "text/plain": {
       "schema": {
        "type": "string"
       }
      },
      "text/csv": {
       "schema": {
        "type": "string"
       }
      },
      "text/html": {
       "schema": {
        "type": "string"
       }
      },
      "application/json": {
       "schema": {
        "type": "object"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The latest version already had this content: nothing was stored",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportReport"
        }
       }
      }
     },
     "201": {
      "description": "Imported as a new version, visible to readers from now on",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportReport"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "description": "The file has errors; nothing was stored",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportFailure"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/lists/{id}": {
   "get": {
    "tags": [
     "lists"
    ],
    "summary": "One list's versions, and the categories and import diagnostics of one version (the latest unless id@N)",
    "operationId": "getList",
    "parameters": [
     {
      "$ref": "#/components/parameters/list_ref"
     }
    ],
    "responses": {
     "200": {
      "description": "The list",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ListDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/api/v1/lists/{id}/diff/{other}": {
   "get": {
    "tags": [
     "lists"
    ],
    "summary": "Items added, removed and changed from one list version to another (e.g. liaoyang-2023-07-31@1 to @2, or two lists)",
    "operationId": "diffLists",
    "parameters": [
     {
      "$ref": "#/components/parameters/list_ref"
     },
     {
      "$ref": "#/components/parameters/other_ref"
     }
    ],
    "responses": {
     "200": {
      "description": "The differences",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Diff"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/api/v1/documents": {
   "get": {
    "tags": [
     "catalog"
    ],
    "summary": "Every document the items cite, with its 文号, level and the items citing it",
    "operationId": "getDocuments",
    "responses": {
     "200": {
      "description": "The documents, newest first",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Documents"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   }
  },
  "/api/v1/departments": {
   "get": {
    "tags": [
     "catalog"
    ],
    "summary": "Canonical departments with their items and the raw spellings seen",
    "operationId": "getDepartments",
    "responses": {
     "200": {
      "description": "The departments, most items first",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Departments"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   }
  },
  "/api/v1/stats": {
   "get": {
    "tags": [
     "catalog"
    ],
    "summary": "Item counts by category, department, document, status (on as_of), year, level, form, beneficiary and industry, for charts",
    "operationId": "getStats",
    "parameters": [
     {
      "$ref": "#/components/parameters/q"
     },
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/page"
     },
     {
      "$ref": "#/components/parameters/size"
     },
     {
      "$ref": "#/components/parameters/sort"
     },
     {
      "$ref": "#/components/parameters/highlight"
     },
     {
      "$ref": "#/components/parameters/category"
     },
     {
      "$ref": "#/components/parameters/department"
     },
     {
      "$ref": "#/components/parameters/document"
     },
     {
      "$ref": "#/components/parameters/level"
     },
     {
      "$ref": "#/components/parameters/beneficiary"
     },
     {
      "$ref": "#/components/parameters/industry"
     },
     {
      "$ref": "#/components/parameters/form"
     },
     {
      "$ref": "#/components/parameters/status"
     },
     {
      "$ref": "#/components/parameters/year"
     },
     {
      "$ref": "#/components/parameters/list"
     }
    ],
    "responses": {
     "200": {
      "description": "The counts",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Stats"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   }
  },
  "/api/v1/export": {
   "get": {
    "tags": [
     "catalog"
    ],
    "summary": "The whole result set of a search as JSON, CSV or an Excel workbook (attachment)",
    "operationId": "exportPolicies",
    "parameters": [
     {
      "$ref": "#/components/parameters/export_format"
     },
     {
      "$ref": "#/components/parameters/q"
     },
     {
      "$ref": "#/components/parameters/as_of"
     },
     {
      "$ref": "#/components/parameters/sort"
     },
     {
      "$ref": "#/components/parameters/category"
     },
     {
      "$ref": "#/components/parameters/department"
     },
     {
      "$ref": "#/components/parameters/document"
     },
     {
      "$ref": "#/components/parameters/level"
     },
     {
      "$ref": "#/components/parameters/beneficiary"
     },
     {
      "$ref": "#/components/parameters/industry"
     },
     {
      "$ref": "#/components/parameters/form"
     },
     {
      "$ref": "#/components/parameters/status"
     },
     {
      "$ref": "#/components/parameters/year"
     },
     {
      "$ref": "#/components/parameters/list"
     }
    ],
    "responses": {
     "200": {
      "description": "The export, with Content-Disposition: attachment",
      "headers": {
       "Content-Disposition": {
        "description": "attachment; filename=\"huiqi-export-<as_of>.<format>\"",
        "schema": {
         "type": "string"
        }
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Export"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string",
         "description": "Header category,seq,title,content,basis,departments,status,valid_until,departments_canonical,document_numbers"
        }
       },
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {
         "type": "string",
         "format": "binary",
         "description": "One sheet 政策清单; header 政策类别, 序号, 扶持政策事项, 政策内容, 政策依据, 实施部门, 状态, 有效期至, 实施部门(规范名称), 文号"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   }
  },
  "/api/v1/overrides": {
   "get": {
    "tags": [
     "match"
    ],
    "summary": "The reviewed matching overrides kept in the store, and what rule compilation reports (stale overrides, …)",
    "operationId": "getOverrides",
    "parameters": [
     {
      "name": "include_bundled",
      "in": "query",
      "description": "Also list the entries of data/match-overrides.json that no stored override replaces (source \"file\").",
      "schema": {
       "type": "boolean",
       "default": false
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The overrides",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Overrides"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     }
    }
   }
  },
  "/api/v1/overrides/{id}": {
   "put": {
    "tags": [
     "admin"
    ],
    "summary": "Store a reviewed matching override for one item (replaces the bundled entry and any earlier one)",
    "operationId": "putOverride",
    "security": [
     {
      "bearerAuth": []
     }
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/override_item_id"
     }
    ],
    "requestBody": {
     "required": true,
     "description": "One entry in the form of data/match-overrides.json's \"items\" (see src/match/rules.h). At most 64 KiB. A refused entry's error names the field at fault within it, dotted (\"clause\", \"rule.all.0.field\", \"amounts.0\"), or \"body\" for the entry as a whole.",
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Override"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "Stored; matching uses it from now on",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/OverrideStored"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     }
    }
   }
  },
  "/api/v1/healthz": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "Liveness and the snapshot being served",
    "operationId": "healthApi",
    "responses": {
     "200": {
      "description": "Serving",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/metrics": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "Prometheus text: requests by route and status, latency histograms, snapshot generation, items",
    "operationId": "metricsApi",
    "responses": {
     "200": {
      "description": "Exposition format 0.0.4",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/openapi.json": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "This description (OpenAPI 3.0)",
    "operationId": "openapiApi",
    "responses": {
     "200": {
      "description": "The OpenAPI document",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/healthz": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "Liveness and the snapshot being served",
    "operationId": "healthRoot",
    "responses": {
     "200": {
      "description": "Serving",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "Prometheus text: requests by route and status, latency histograms, snapshot generation, items",
    "operationId": "metricsRoot",
    "responses": {
     "200": {
      "description": "Exposition format 0.0.4",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "This description (OpenAPI 3.0)",
    "operationId": "openapiRoot",
    "responses": {
     "200": {
      "description": "The OpenAPI document",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/": {
   "get": {
    "tags": [
     "operations"
    ],
    "summary": "The web page (web/index.html; other files of web/ by their path), or a short page saying it is not installed",
    "operationId": "getPage",
    "responses": {
     "200": {
      "description": "HTML",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearerAuth": {
    "type": "http",
    "scheme": "bearer",
    "description": "A token from `huiqi token create NAME` (64 hex digits); `huiqi token revoke NAME` ends it at once."
   }
  },
  "parameters": {
   "q": {
    "name": "q",
    "in": "query",
    "description": "Words, \"phrases\", -excluded words, field:value; empty: every item. At most 1,000 characters.",
    "schema": {
     "type": "string",
     "maxLength": 1000
    }
   },
   "as_of": {
    "name": "as_of",
    "in": "query",
    "description": "The date for statuses, YYYY-MM-DD; default today.",
    "schema": {
     "type": "string",
     "format": "date"
    }
   },
   "page": {
    "name": "page",
    "in": "query",
    "description": "1-based page of hits.",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 100000,
     "default": 1
    }
   },
   "size": {
    "name": "size",
    "in": "query",
    "description": "Hits per page; 0 gives only total and facets.",
    "schema": {
     "type": "integer",
     "minimum": 0,
     "maximum": 100,
     "default": 10
    }
   },
   "sort": {
    "name": "sort",
    "in": "query",
    "description": "relevance (default), amount (largest first), valid_until (ending soonest first), seq (list order).",
    "schema": {
     "type": "string",
     "enum": [
      "relevance",
      "amount",
      "valid_until",
      "seq"
     ]
    }
   },
   "highlight": {
    "name": "highlight",
    "in": "query",
    "description": "Build snippets and match spans (default true).",
    "schema": {
     "type": "boolean",
     "default": true
    }
   },
   "category": {
    "name": "category",
    "in": "query",
    "description": "Filter: 政策类别 (repeatable: any of the values).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "department": {
    "name": "department",
    "in": "query",
    "description": "Filter: canonical department name (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "document": {
    "name": "document",
    "in": "query",
    "description": "Filter: 文号 of a cited document (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "level": {
    "name": "level",
    "in": "query",
    "description": "Filter: level of a cited document (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string",
      "enum": [
       "national",
       "provincial",
       "city",
       "county",
       "other",
       "unknown"
      ]
     }
    },
    "style": "form",
    "explode": true
   },
   "beneficiary": {
    "name": "beneficiary",
    "in": "query",
    "description": "Filter: beneficiary (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "industry": {
    "name": "industry",
    "in": "query",
    "description": "Filter: industry (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "form": {
    "name": "form",
    "in": "query",
    "description": "Filter: support form, e.g. 补贴, 贴息 (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "status": {
    "name": "status",
    "in": "query",
    "description": "Filter: status on as_of (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "$ref": "#/components/schemas/Status"
     }
    },
    "style": "form",
    "explode": true
   },
   "year": {
    "name": "year",
    "in": "query",
    "description": "Filter: year of a cited document (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "list": {
    "name": "list",
    "in": "query",
    "description": "Filter: list id (repeatable).",
    "schema": {
     "type": "array",
     "items": {
      "type": "string"
     }
    },
    "style": "form",
    "explode": true
   },
   "export_format": {
    "name": "format",
    "in": "query",
    "description": "json (default), csv or xlsx.",
    "schema": {
     "type": "string",
     "enum": [
      "json",
      "csv",
      "xlsx"
     ],
     "default": "json"
    }
   },
   "item_id": {
    "name": "id",
    "in": "path",
    "required": true,
    "description": "An item id \"<list id>/<序号>\", e.g. liaoyang-2023-07-31/58; the slash may be written as is or as %2F.",
    "schema": {
     "type": "string"
    }
   },
   "override_item_id": {
    "name": "id",
    "in": "path",
    "required": true,
    "description": "The item id the override is for, \"<list id>/<序号>\" (slash as is or %2F).",
    "schema": {
     "type": "string"
    }
   },
   "version": {
    "name": "version",
    "in": "query",
    "description": "A version of the item's list (default: the latest).",
    "schema": {
     "type": "integer",
     "minimum": 1
    }
   },
   "list_ref": {
    "name": "id",
    "in": "path",
    "required": true,
    "description": "A list version: \"<list id>\" (the latest) or \"<list id>@<N>\" (version N), e.g. liaoyang-2023-07-31@1.",
    "schema": {
     "type": "string"
    }
   },
   "other_ref": {
    "name": "other",
    "in": "path",
    "required": true,
    "description": "The version to compare with: \"<list id>\", \"<list id>@<N>\", or \"@<N>\" for version N of the first list.",
    "schema": {
     "type": "string"
    }
   },
   "include_expired": {
    "name": "include_expired",
    "in": "query",
    "description": "Evaluate items expired on as_of too (default false: they are listed in `expired`).",
    "schema": {
     "type": "boolean",
     "default": false
    }
   },
   "import_format": {
    "name": "format",
    "in": "query",
    "description": "The file's format (default: sniffed).",
    "schema": {
     "type": "string",
     "enum": [
      "auto",
      "text",
      "html",
      "csv",
      "json"
     ],
     "default": "auto"
    }
   },
   "import_id": {
    "name": "id",
    "in": "query",
    "description": "The list id (default: the id in a huiqi JSON file, else the stem of name).",
    "schema": {
     "type": "string",
     "maxLength": 128
    }
   },
   "import_name": {
    "name": "name",
    "in": "query",
    "description": "The file's name, for sniffing and diagnostics (default \"upload\").",
    "schema": {
     "type": "string",
     "maxLength": 255
    }
   },
   "import_encoding": {
    "name": "encoding",
    "in": "query",
    "description": "The file's encoding (default: UTF-8, else GB18030 when the bytes decode as such).",
    "schema": {
     "type": "string",
     "enum": [
      "auto",
      "utf-8",
      "gb18030",
      "gbk"
     ],
     "default": "auto"
    }
   }
  },
  "responses": {
   "BadRequest": {
    "description": "A bad parameter or body; error.field names it",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unauthorized": {
    "description": "No token, or an unknown or revoked one",
    "headers": {
     "WWW-Authenticate": {
      "schema": {
       "type": "string"
      }
     }
    },
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "NotFound": {
    "description": "No such item, list or version",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "TooLarge": {
    "description": "The body is too large (20 MiB for imports, 64 KiB for JSON bodies)",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "UriTooLong": {
    "description": "The request line is longer than 8,192 bytes",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "UnsupportedMediaType": {
    "description": "The body's Content-Type is not accepted here",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   },
   "Unavailable": {
    "description": "The store or the matching rules are not available right now",
    "content": {
     "application/json": {
      "schema": {
       "$ref": "#/components/schemas/Error"
      }
     }
    }
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "required": [
     "error"
    ],
    "properties": {
     "error": {
      "type": "object",
      "required": [
       "code",
       "message",
       "message_zh"
      ],
      "properties": {
       "code": {
        "type": "string",
        "description": "Stable kebab-case code, e.g. bad-parameter, unknown-parameter, not-found, unauthorized, bad-token, body-too-large"
       },
       "message": {
        "type": "string"
       },
       "message_zh": {
        "type": "string"
       },
       "field": {
        "type": "string",
        "description": "The parameter, header or body field at fault"
       }
      }
     }
    }
   },
   "Status": {
    "type": "string",
    "enum": [
     "active",
     "expired",
     "not_yet",
     "long_term",
     "unknown"
    ],
    "description": "On as_of: active, expired, not yet in force, long-term (no end stated), unknown (relative or unclear end)"
   },
   "Highlight": {
    "type": "object",
    "properties": {
     "snippet": {
      "type": "string",
      "description": "About 80 characters around the best match, matches marked «…»"
     },
     "spans": {
      "type": "array",
      "items": {
       "type": "array",
       "items": {
        "type": "integer"
       },
       "minItems": 2,
       "maxItems": 2
      },
      "description": "[begin, end) byte offsets into the raw field text"
     }
    }
   },
   "Hit": {
    "type": "object",
    "required": [
     "id",
     "list",
     "seq",
     "title",
     "score",
     "status"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "list": {
      "type": "string"
     },
     "seq": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "category": {
      "type": "string"
     },
     "score": {
      "type": "number"
     },
     "weak": {
      "type": "boolean",
      "description": "A partial match (not every query term), ranked after full matches"
     },
     "status": {
      "$ref": "#/components/schemas/Status"
     },
     "highlights": {
      "type": "object",
      "additionalProperties": {
       "$ref": "#/components/schemas/Highlight"
      },
      "description": "By field: title, content, basis, departments"
     }
    }
   },
   "FacetCount": {
    "type": "object",
    "required": [
     "value",
     "count"
    ],
    "properties": {
     "value": {
      "type": "string"
     },
     "count": {
      "type": "integer"
     }
    }
   },
   "Facets": {
    "type": "object",
    "description": "Facet name (category, department, document, level, beneficiary, industry, form, status, year) → values by count",
    "additionalProperties": {
     "type": "array",
     "items": {
      "$ref": "#/components/schemas/FacetCount"
     }
    }
   },
   "SearchResult": {
    "type": "object",
    "required": [
     "total",
     "hits",
     "facets",
     "page",
     "size"
    ],
    "properties": {
     "total": {
      "type": "integer",
      "description": "Hits before paging (weak ones included)"
     },
     "strong": {
      "type": "integer",
      "description": "Hits that are not weak"
     },
     "took_ms": {
      "type": "number"
     },
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "hits": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Hit"
      }
     },
     "facets": {
      "$ref": "#/components/schemas/Facets"
     },
     "page": {
      "type": "integer"
     },
     "size": {
      "type": "integer"
     },
     "pages": {
      "type": "integer"
     }
    }
   },
   "FacetsAnswer": {
    "type": "object",
    "required": [
     "total",
     "facets"
    ],
    "properties": {
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "total": {
      "type": "integer"
     },
     "facets": {
      "$ref": "#/components/schemas/Facets"
     }
    }
   },
   "Stats": {
    "type": "object",
    "required": [
     "total",
     "by"
    ],
    "properties": {
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "total": {
      "type": "integer",
      "description": "Items counted"
     },
     "lists": {
      "type": "integer"
     },
     "by": {
      "$ref": "#/components/schemas/Facets"
     }
    }
   },
   "Evidence": {
    "type": "object",
    "properties": {
     "field": {
      "type": "string"
     },
     "begin": {
      "type": "integer"
     },
     "end": {
      "type": "integer"
     },
     "phrase": {
      "type": "string"
     }
    }
   },
   "DocumentRef": {
    "type": "object",
    "properties": {
     "title": {
      "type": "string"
     },
     "number": {
      "type": "string",
      "description": "Canonical 文号, e.g. 辽市政发〔2020〕3号"
     },
     "issuer": {
      "type": "string",
      "description": "Issuer code, e.g. 辽市政发"
     },
     "issuer_name": {
      "type": "string"
     },
     "year": {
      "type": "integer"
     },
     "seq": {
      "type": "integer"
     },
     "level": {
      "type": "string",
      "enum": [
       "national",
       "provincial",
       "city",
       "county",
       "other",
       "unknown"
      ]
     },
     "truncated": {
      "type": "boolean"
     },
     "inferred": {
      "type": "boolean"
     }
    }
   },
   "DepartmentRef": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "description": "Canonical name"
     },
     "raw": {
      "type": "string"
     },
     "note": {
      "type": "string"
     },
     "known": {
      "type": "boolean"
     }
    }
   },
   "Facts": {
    "type": "object",
    "description": "Everything extraction found, each fact with its evidence (src/catalog/facts.h)",
    "properties": {
     "documents": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "cited_documents": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "departments": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "beneficiaries": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "industries": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "forms": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "amounts": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "times": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "actionable": {
      "type": "boolean"
     },
     "benefit_kind": {
      "type": "string",
      "enum": [
       "direct",
       "service",
       "task"
      ]
     },
     "actionability_evidence": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Evidence"
      }
     },
     "valid_from": {
      "type": "string"
     },
     "valid_until": {
      "type": "string"
     },
     "validity_unresolved": {
      "type": "boolean"
     }
    }
   },
   "Item": {
    "type": "object",
    "required": [
     "id",
     "list",
     "seq",
     "category",
     "title",
     "content",
     "basis",
     "documents",
     "departments",
     "facts",
     "status"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "list": {
      "type": "string"
     },
     "version": {
      "type": "integer",
      "description": "The list version the item was read from"
     },
     "seq": {
      "type": "integer",
      "description": "序号"
     },
     "category": {
      "type": "string",
      "description": "政策类别"
     },
     "title": {
      "type": "string",
      "description": "扶持政策事项"
     },
     "content": {
      "type": "string",
      "description": "政策内容"
     },
     "basis": {
      "type": "string",
      "description": "政策依据, raw"
     },
     "departments_raw": {
      "type": "string",
      "description": "实施部门, raw"
     },
     "source_lines": {
      "type": "object",
      "properties": {
       "first": {
        "type": "integer"
       },
       "last": {
        "type": "integer"
       }
      }
     },
     "documents": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DocumentRef"
      }
     },
     "departments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DepartmentRef"
      }
     },
     "facts": {
      "$ref": "#/components/schemas/Facts"
     },
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "status": {
      "$ref": "#/components/schemas/Status"
     }
    }
   },
   "ListVersion": {
    "type": "object",
    "required": [
     "id",
     "version"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "issuer": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "published": {
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "content_hash": {
      "type": "string"
     },
     "imported_at": {
      "type": "string",
      "format": "date-time"
     },
     "format": {
      "type": "string"
     },
     "items": {
      "type": "integer"
     }
    }
   },
   "ListSummary": {
    "type": "object",
    "required": [
     "id",
     "latest_version",
     "versions"
    ],
    "properties": {
     "id": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "issuer": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "published": {
      "type": "string"
     },
     "source": {
      "type": "string"
     },
     "latest_version": {
      "type": "integer"
     },
     "items": {
      "type": "integer",
      "description": "Items of the latest version"
     },
     "versions": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ListVersion"
      }
     }
    }
   },
   "Lists": {
    "type": "object",
    "required": [
     "total",
     "lists"
    ],
    "properties": {
     "total": {
      "type": "integer"
     },
     "lists": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ListSummary"
      }
     }
    }
   },
   "Diagnostic": {
    "type": "object",
    "required": [
     "file",
     "line",
     "severity",
     "code",
     "message"
    ],
    "properties": {
     "file": {
      "type": "string"
     },
     "line": {
      "type": "integer"
     },
     "column": {
      "type": "integer"
     },
     "severity": {
      "type": "string",
      "enum": [
       "info",
       "warning",
       "error"
      ]
     },
     "code": {
      "type": "string"
     },
     "message": {
      "type": "string"
     },
     "message_zh": {
      "type": "string"
     },
     "field": {
      "type": "string"
     }
    }
   },
   "Category": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "items": {
      "type": "integer"
     }
    }
   },
   "ListDetail": {
    "allOf": [
     {
      "$ref": "#/components/schemas/ListSummary"
     },
     {
      "type": "object",
      "required": [
       "version",
       "diagnostics",
       "categories"
      ],
      "properties": {
       "version": {
        "type": "integer",
        "description": "The version the diagnostics and categories are of"
       },
       "diagnostics": {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/Diagnostic"
        }
       },
       "categories": {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/Category"
        }
       }
      }
     }
    ]
   },
   "DiffItem": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "seq": {
      "type": "integer"
     },
     "category": {
      "type": "string"
     },
     "title": {
      "type": "string"
     }
    }
   },
   "DiffChange": {
    "type": "object",
    "properties": {
     "from": {
      "$ref": "#/components/schemas/DiffItem"
     },
     "to": {
      "$ref": "#/components/schemas/DiffItem"
     },
     "fields": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "seq",
        "category",
        "title",
        "content",
        "basis",
        "departments"
       ]
      }
     },
     "before": {
      "type": "object",
      "additionalProperties": true
     },
     "after": {
      "type": "object",
      "additionalProperties": true
     }
    }
   },
   "DiffSide": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "version": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "items": {
      "type": "integer"
     }
    }
   },
   "Diff": {
    "type": "object",
    "required": [
     "from",
     "to",
     "summary",
     "added",
     "removed",
     "changed"
    ],
    "description": "Items are paired by identical content (序号 aside), then by identical title, then by the same 序号; the rest is added or removed.",
    "properties": {
     "from": {
      "$ref": "#/components/schemas/DiffSide"
     },
     "to": {
      "$ref": "#/components/schemas/DiffSide"
     },
     "summary": {
      "type": "object",
      "properties": {
       "added": {
        "type": "integer"
       },
       "removed": {
        "type": "integer"
       },
       "changed": {
        "type": "integer"
       },
       "unchanged": {
        "type": "integer"
       }
      }
     },
     "added": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DiffItem"
      }
     },
     "removed": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DiffItem"
      }
     },
     "changed": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DiffChange"
      }
     }
    }
   },
   "DocumentEntry": {
    "type": "object",
    "properties": {
     "key": {
      "type": "string",
      "description": "The 文号, else 《title》"
     },
     "number": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "issuer": {
      "type": "string"
     },
     "issuer_name": {
      "type": "string"
     },
     "year": {
      "type": "integer"
     },
     "level": {
      "type": "string"
     },
     "items": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Ids of the items whose 政策依据 cites it"
     },
     "mentioned_in": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Ids of the items whose title or content cites it"
     }
    }
   },
   "Documents": {
    "type": "object",
    "required": [
     "total",
     "documents"
    ],
    "properties": {
     "total": {
      "type": "integer"
     },
     "documents": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DocumentEntry"
      }
     }
    }
   },
   "DepartmentEntry": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string"
     },
     "known": {
      "type": "boolean",
      "description": "In the department dictionary"
     },
     "items": {
      "type": "integer"
     },
     "item_ids": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "raw": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "text": {
         "type": "string"
        },
        "count": {
         "type": "integer"
        }
       }
      }
     }
    }
   },
   "Departments": {
    "type": "object",
    "required": [
     "total",
     "departments"
    ],
    "properties": {
     "total": {
      "type": "integer"
     },
     "departments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DepartmentEntry"
      }
     }
    }
   },
   "Export": {
    "type": "object",
    "properties": {
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "query": {
      "type": "string"
     },
     "filters": {
      "type": "array",
      "items": {
       "type": "array",
       "items": {
        "type": "string"
       }
      }
     },
     "total": {
      "type": "integer"
     },
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Item"
      }
     }
    }
   },
   "Health": {
    "type": "object",
    "required": [
     "status",
     "snapshot",
     "items"
    ],
    "properties": {
     "status": {
      "type": "string",
      "enum": [
       "ok"
      ]
     },
     "snapshot": {
      "type": "integer",
      "description": "The store generation being served"
     },
     "items": {
      "type": "integer"
     },
     "lists": {
      "type": "integer"
     }
    }
   },
   "ImportReport": {
    "type": "object",
    "required": [
     "ok",
     "imports"
    ],
    "properties": {
     "ok": {
      "type": "boolean"
     },
     "imports": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "file": {
         "type": "string"
        },
        "list": {
         "type": "string"
        },
        "version": {
         "type": "integer"
        },
        "unchanged": {
         "type": "boolean"
        },
        "items": {
         "type": "integer"
        },
        "categories": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Category"
         }
        },
        "diagnostics": {
         "type": "array",
         "items": {
          "$ref": "#/components/schemas/Diagnostic"
         }
        }
       }
      }
     }
    }
   },
   "ImportFailure": {
    "allOf": [
     {
      "$ref": "#/components/schemas/Error"
     },
     {
      "type": "object",
      "properties": {
       "ok": {
        "type": "boolean"
       },
       "files": {
        "type": "array",
        "items": {
         "type": "object",
         "properties": {
          "file": {
           "type": "string"
          },
          "ok": {
           "type": "boolean"
          },
          "diagnostics": {
           "type": "array",
           "items": {
            "$ref": "#/components/schemas/Diagnostic"
           }
          }
         }
        }
       }
      }
     }
    ]
   },
   "Override": {
    "type": "object",
    "required": [
     "clause",
     "note"
    ],
    "description": "A reviewed entry: \"rule\" (src/match/rule.h syntax) or \"context\"; \"clause\" quotes the item.",
    "properties": {
     "item": {
      "type": "string",
      "description": "The item id; must be the one of the URL (filled in when absent)"
     },
     "clause": {
      "type": "string"
     },
     "note": {
      "type": "string"
     },
     "reviewed": {
      "type": "string"
     },
     "context": {
      "type": "string"
     },
     "rule": {
      "type": "object"
     },
     "scope": {
      "type": "object",
      "nullable": true
     },
     "amounts": {
      "type": "array",
      "items": {
       "type": "object"
      }
     }
    }
   },
   "RuleIssue": {
    "type": "object",
    "properties": {
     "item": {
      "type": "string"
     },
     "code": {
      "type": "string"
     },
     "message": {
      "type": "string"
     }
    }
   },
   "OverrideStored": {
    "type": "object",
    "properties": {
     "ok": {
      "type": "boolean"
     },
     "item": {
      "type": "string"
     },
     "entry": {
      "$ref": "#/components/schemas/Override"
     },
     "issues": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RuleIssue"
      }
     }
    }
   },
   "Overrides": {
    "type": "object",
    "required": [
     "total",
     "overrides",
     "issues"
    ],
    "properties": {
     "total": {
      "type": "integer"
     },
     "overrides": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "item": {
         "type": "string"
        },
        "title": {
         "type": "string",
         "description": "The item's title in the version served (absent when no such item is served)"
        },
        "source": {
         "type": "string",
         "enum": [
          "store",
          "file"
         ],
         "description": "Stored through the API, or the bundled data/match-overrides.json (include_bundled)"
        },
        "stale": {
         "type": "boolean",
         "description": "A quote of the entry is gone from the item's text: the entry is not applied"
        },
        "author": {
         "type": "string",
         "description": "The token name that stored it (source store)"
        },
        "updated_at": {
         "type": "string",
         "format": "date-time"
        },
        "entry": {
         "$ref": "#/components/schemas/Override"
        }
       }
      }
     },
     "issues": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RuleIssue"
      }
     },
     "rules_error": {
      "type": "string"
     }
    }
   },
   "Profile": {
    "type": "object",
    "description": "An enterprise profile, documented by data/profile.schema.json (served at /api/v1/profile.schema.json): entity_type, ownership, industry (GB/T 4754), region (GB/T 2260), employees, revenue_10k_yuan, assets_10k_yuan, size_class, trade, premises, hiring, social_insurance, finance, investment, deposits, tax, plans, …; a missing fact is unknown, never \"no\".",
    "additionalProperties": true
   },
   "MatchItem": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "seq": {
      "type": "integer"
     },
     "category": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "string"
     },
     "valid_from": {
      "type": "string"
     },
     "valid_until": {
      "type": "string"
     },
     "verdict": {
      "type": "string",
      "enum": [
       "eligible",
       "likely",
       "not_eligible"
      ]
     },
     "verdict_zh": {
      "type": "string"
     },
     "conditions": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "questions": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "near_misses": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "departments": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "amount": {
      "type": "object"
     },
     "rule_source": {
      "type": "string",
      "enum": [
       "override",
       "facts"
      ]
     }
    }
   },
   "MatchResult": {
    "type": "object",
    "description": "src/match/match.h: the answer for one profile",
    "properties": {
     "as_of": {
      "type": "string",
      "format": "date"
     },
     "profile": {
      "type": "object"
     },
     "summary": {
      "type": "object",
      "properties": {
       "eligible": {
        "type": "integer"
       },
       "likely": {
        "type": "integer"
       },
       "not_eligible": {
        "type": "integer"
       },
       "expired_left_out": {
        "type": "integer"
       },
       "context": {
        "type": "integer"
       }
      }
     },
     "eligible": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/MatchItem"
      }
     },
     "likely": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/MatchItem"
      }
     },
     "not_eligible": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/MatchItem"
      }
     },
     "questions": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "field": {
         "type": "string"
        },
        "question": {
         "type": "string"
        },
        "items": {
         "type": "array",
         "items": {
          "type": "string"
         }
        }
       }
      }
     },
     "context": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "expired": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   }
  }
 }
}
)openapi";

}  // namespace

std::string_view openapi_text() { return kDocument; }

const nlohmann::json& openapi_document() {
  static const nlohmann::json document = nlohmann::json::parse(kDocument);
  return document;
}

}  // namespace huiqi::server
