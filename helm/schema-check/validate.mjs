// Validates the Kubernetes objects of a multi-document YAML stream (stdin) against the schema of
// their apiVersion and kind, as published by the kubernetes-models packages that package.json pins.
// Prints one line per object: "ok <apiVersion> <kind> <name>" or "invalid <apiVersion> <kind> <name>: <errors>".
// Exits 0 only if every object is ok. An object whose apiVersion and kind no package knows is invalid:
// a kind that cannot be checked is a kind that could be wrong.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const MODEL_PACKAGES = Object.keys(JSON.parse(readFileSync(new URL("package.json", import.meta.url))).dependencies)
  .filter((name) => name === "kubernetes-models" || name.startsWith("@kubernetes-models/"));

// Both also become parts of a module path, so nothing else may pass.
const API_VERSION = /^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const models = new Map();

/** The model class of an apiVersion and kind, or undefined. Each package lays its classes out as <apiVersion>/<Kind>. */
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (!models.has(key)) {
    models.set(key, await findModel(apiVersion, kind));
  }
  return models.get(key);
}

async function findModel(apiVersion, kind) {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) {
    return undefined;
  }
  for (const pkg of MODEL_PACKAGES) {
    const module = await importIfPresent(`${pkg}/${apiVersion}/${kind}`, `/${apiVersion}/${kind}.js`);
    const model = module?.[kind];
    // The same folders also hold the types objects are made of (DeploymentSpec): only a top-level kind has its own apiVersion and kind.
    if (model?.apiVersion === apiVersion && model?.kind === kind) {
      return model;
    }
  }
  return undefined;
}

async function importIfPresent(specifier, file) {
  try {
    return await import(specifier);
  } catch (error) {
    const absent = error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED"
      || (error.code === "ERR_MODULE_NOT_FOUND" && error.message.includes(file));
    if (absent) {
      return undefined;
    }
    throw error;
  }
}

function schemaErrors(error) {
  if (!Array.isArray(error.errors)) {
    throw error;
  }
  const messages = error.errors.map((e) => {
    const detail = e.params?.additionalProperty ?? e.params?.allowedValues?.join(", ");
    return `${e.instancePath || "/"} ${e.message}${detail === undefined ? "" : ` (${detail})`}`;
  });
  return [...new Set(messages)].join("; ");
}

async function check(object) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return { ok: false, what: "- - -", problem: "not an object" };
  }
  const { apiVersion = "-", kind = "-" } = object;
  const name = object.metadata?.name ?? object.metadata?.generateName ?? "-";
  const what = `${apiVersion} ${kind} ${name}`;
  const Model = await modelFor(String(apiVersion), String(kind));
  if (Model === undefined) {
    return { ok: false, what, problem: `no schema for apiVersion ${apiVersion}, kind ${kind}` };
  }
  try {
    new Model(object).validate();
    return { ok: true, what };
  } catch (error) {
    return { ok: false, what, problem: schemaErrors(error) };
  }
}

// YAML 1.1, as the Go YAML parser of kubectl, Helm and the API server reads it: there an unquoted yes or on is a boolean.
const documents = parseAllDocuments(readFileSync(0, "utf8"), { version: "1.1" });

let allOk = true;
for (const document of documents) {
  if (document.errors.length > 0) {
    allOk = false;
    console.log(`invalid - - -: not YAML: ${document.errors.map((e) => e.message.split("\n")[0]).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  if (object === null) {
    continue; // a document of comments only, as Helm leaves for a template that renders nothing
  }
  const result = await check(object);
  allOk &&= result.ok;
  console.log(result.ok ? `ok ${result.what}` : `invalid ${result.what}: ${result.problem}`);
}
process.exitCode = allOk ? 0 : 1;
