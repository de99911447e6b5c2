#!/usr/bin/env node
// Validates rendered Kubernetes manifests offline.
//
//   node validate.mjs FILE...        (multi-document YAML; "-" reads standard input)
//
// Every object goes through two checks:
//  1. the JSON schema of its kind (types, required fields, enums, formats, quantities), compiled into the
//     kubernetes-models packages: the core API and the KEDA, Prometheus operator, External Secrets and
//     Argo CD custom resources;
//  2. a structural check with the TypeScript compiler against the same models' type declarations, which
//     rejects every field the kind does not define (a misspelt or misplaced key) at any depth.
// An object whose apiVersion/kind has no schema here fails: nothing passes unvalidated.
// Exit status: 0 all valid, 1 at least one invalid object, 2 usage or read error.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** API groups served by custom resource definitions, mapped to the package that carries their schemas. */
const CUSTOM_RESOURCE_PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "external-secrets.io": "@kubernetes-models/external-secrets",
  "argoproj.io": "@kubernetes-models/argo-cd",
};

function modelModule(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) {
    return null;
  }
  const slash = apiVersion.indexOf("/");
  if (slash < 0) {
    return `kubernetes-models/${apiVersion}/${kind}`;
  }
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const pkg = CUSTOM_RESOURCE_PACKAGES[group] ?? "kubernetes-models";
  return `${pkg}/${group}/${version}/${kind}`;
}

function readDocuments(source) {
  const text = source === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(source, "utf8");
  const objects = [];
  const problems = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      problems.push(`${source}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const value = doc.toJS();
    if (value === null || value === undefined) {
      continue;
    }
    objects.push({ source, value });
  }
  return { objects, problems };
}

function describe(object) {
  const v = object.value;
  const meta = v && typeof v === "object" ? v.metadata ?? {} : {};
  const ns = meta.namespace ? `${meta.namespace}/` : "";
  return `${object.source}: ${v?.kind ?? "?"} ${ns}${meta.name ?? "?"}`;
}

async function schemaCheck(object) {
  const v = object.value;
  if (typeof v !== "object" || Array.isArray(v)) {
    return ["not a Kubernetes object"];
  }
  const spec = modelModule(v.apiVersion, v.kind);
  if (spec === null) {
    return ["apiVersion and kind are required"];
  }
  let mod;
  try {
    mod = await import(spec);
  } catch {
    return [`no schema for ${v.apiVersion} ${v.kind}`];
  }
  const Model = mod[v.kind];
  if (typeof Model !== "function") {
    return [`no schema for ${v.apiVersion} ${v.kind}`];
  }
  object.module = spec;
  const errors = [];
  if (!v.metadata || typeof v.metadata.name !== "string" || v.metadata.name.length === 0) {
    errors.push("metadata.name is required");
  }
  try {
    new Model(structuredClone(v)).validate();
  } catch (e) {
    errors.push(String(e.message ?? e));
  }
  return errors;
}

/** Type-checks every object literal against its kind's declaration; returns messages per object index. */
function structuralCheck(objects) {
  const checked = objects.filter((o) => o.module);
  const byIndex = new Map();
  if (checked.length === 0) {
    return byIndex;
  }
  const lines = [];
  const starts = [];
  checked.forEach((o, i) => {
    lines.push(`import type { I${o.value.kind} as T${i} } from "${o.module}";`);
  });
  checked.forEach((o, i) => {
    starts.push(lines.length);
    const body = JSON.stringify(o.value, null, 1).split("\n");
    lines.push(`export const o${i}: T${i} = ${body[0]}`, ...body.slice(1));
    lines.push(";");
  });
  const fileName = path.join(HERE, "__rendered_manifests__.ts");
  const sourceText = lines.join("\n");
  const options = {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    path.resolve(name) === fileName
      ? ts.createSourceFile(name, sourceText, languageVersion, true)
      : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => path.resolve(name) === fileName || fileExists(name);
  host.readFile = (name) => (path.resolve(name) === fileName ? sourceText : readFile(name));
  const program = ts.createProgram([fileName], options, host);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || path.resolve(d.file.fileName) !== fileName) {
      throw new Error(`type declarations could not be loaded: ${message}`);
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line;
    let index = -1;
    for (let i = 0; i < starts.length && starts[i] <= line; i++) {
      index = i;
    }
    if (index < 0) {
      throw new Error(`schema import failed: ${message}`);
    }
    const original = objects.indexOf(checked[index]);
    const list = byIndex.get(original) ?? [];
    list.push(message.split("\n")[0]);
    byIndex.set(original, list);
  }
  return byIndex;
}

async function main(argv) {
  if (argv.length === 0) {
    console.error("usage: validate.mjs FILE... ('-' for standard input)");
    return 2;
  }
  const objects = [];
  let failed = 0;
  for (const source of argv) {
    try {
      const read = readDocuments(source);
      objects.push(...read.objects);
      for (const p of read.problems) {
        console.log(`INVALID ${p}`);
        failed++;
      }
    } catch (e) {
      console.error(`cannot read ${source}: ${e.message}`);
      return 2;
    }
  }
  const errors = [];
  for (const o of objects) {
    errors.push(await schemaCheck(o));
  }
  const structural = structuralCheck(objects);
  objects.forEach((o, i) => {
    const all = [...errors[i], ...(structural.get(i) ?? [])];
    if (all.length > 0) {
      failed++;
      console.log(`INVALID ${describe(o)}: ${all.join("; ")}`);
    }
  });
  console.log(`validated ${objects.length} objects, ${failed} invalid`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
