{{/*
Secrets generated once, without lookup.

A render never contains a generated value: "helm template" (and so every GitOps tool) gives the same
bytes for the same values, and upgrades and syncs never change a password. Instead a hook Job runs
before every install and upgrade (Argo CD: PreSync) and creates each Secret only when it is absent,
adding only the keys it lacks (frontend-service's ReleaseSecrets program, in the frontend-service
image). The Secrets are not part of the release: uninstalling it leaves them, with the data they guard.

The Job has a ServiceAccount of its own, allowed to create Secrets and to read and patch exactly the
ones it manages, and, with NetworkPolicies on, reaches only DNS and the Kubernetes API.

Usage: include "conference-lib.secretsJob" (dict
         "ctx" $                       # the chart's context
         "name" "conference-secrets"   # name of the Job and its ServiceAccount, Role, RoleBinding
         "component" "platform-secrets" # app.kubernetes.io/name of the Job's pods
         "image" .Values.image         # the frontend-service image values
         "secrets" (list (dict "name" "..." "component" "redis" "keys" (dict "password" (dict "random" 32)))))
*/}}
{{- define "conference-lib.secretsJob" -}}
{{- $ctx := .ctx -}}
{{- $name := .name -}}
{{- $specs := list -}}
{{- $names := list -}}
{{- range .secrets -}}
{{- $labels := dict "app.kubernetes.io/name" .component "app.kubernetes.io/instance" $ctx.Release.Name
      "app.kubernetes.io/component" "generated-secret" "app.kubernetes.io/part-of" "conference-platform" -}}
{{- $spec := dict "name" .name "labels" $labels "annotations" (dict "conference-platform.dev/generated" "true") "keys" .keys -}}
{{- if .prune -}}
{{- $_ := set $spec "prune" true -}}
{{- end -}}
{{- $specs = append $specs $spec -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- if $specs -}}
{{- $hook := dict "helm.sh/hook" "pre-install,pre-upgrade" "helm.sh/hook-delete-policy" "before-hook-creation,hook-succeeded" -}}
{{- $component := .component -}}
{{- $labels := include "conference-lib.secretsJobLabels" (dict "ctx" $ctx "name" $component) -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
  annotations:
    {{- toYaml (merge (dict "helm.sh/hook-weight" "-20") $hook) | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $name }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
  annotations:
    {{- toYaml (merge (dict "helm.sh/hook-weight" "-20") $hook) | nindent 4 }}
rules:
  # A create cannot be limited to names; reading and changing can.
  - apiGroups: [""]
    resources: [secrets]
    verbs: [create]
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: {{ toJson $names }}
    verbs: [get, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $name }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
  annotations:
    {{- toYaml (merge (dict "helm.sh/hook-weight" "-20") $hook) | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ $name }}
    namespace: {{ $ctx.Release.Namespace }}
{{- if include "conference-lib.networkPolicyEnabled" $ctx }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
  annotations:
    {{- toYaml (merge (dict "helm.sh/hook-weight" "-20") $hook) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "conference-lib.peerLabels" (dict "name" $component "ctx" $ctx) | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress: []
  egress:
    {{- include "conference-lib.dnsEgressRule" $ctx | nindent 4 }}
    # The Kubernetes API server; its address depends on the cluster (global.networkPolicy.kubernetesApi).
    {{- $api := (($ctx.Values.global).networkPolicy).kubernetesApi | default (dict) }}
    - to:
        {{- range ($api.cidrs | default (list "0.0.0.0/0")) }}
        - ipBlock:
            cidr: {{ . }}
        {{- end }}
      ports:
        {{- range ($api.ports | default (list 443 6443)) }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
{{- end }}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ $name }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- $labels | nindent 4 }}
  annotations:
    {{- toYaml (merge (dict "helm.sh/hook-weight" "-10") $hook) | nindent 4 }}
spec:
  backoffLimit: 3
  activeDeadlineSeconds: 300
  template:
    metadata:
      labels:
        {{- include "conference-lib.peerLabels" (dict "name" $component "ctx" $ctx) | nindent 8 }}
        app.kubernetes.io/component: generated-secrets
        app.kubernetes.io/part-of: conference-platform
    spec:
      restartPolicy: Never
      serviceAccountName: {{ $name }}
      # The one pod of the release that talks to the Kubernetes API.
      automountServiceAccountToken: true
      enableServiceLinks: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: secrets
          {{- $image := dict "image" .image "ctx" $ctx "defaultTag" (($ctx.Values.global).imageTag) }}
          image: {{ include "conference-lib.image" $image }}
          imagePullPolicy: {{ include "conference-lib.imagePullPolicy" $image }}
          # A short run: the JIT's first tier is enough.
          command: ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", "/app/app.jar",
                    "dev.conference.frontend.secrets.ReleaseSecrets"]
          env:
            - name: RELEASE_SECRETS
              value: {{ toJson (dict "secrets" $specs) | quote }}
          resources:
            requests:
              cpu: 100m
              memory: 192Mi
            limits:
              cpu: "1"
              memory: 192Mi
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            runAsGroup: 10001
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 16Mi
{{- end -}}
{{- end -}}

{{- define "conference-lib.secretsJobLabels" -}}
helm.sh/chart: {{ include "conference-lib.chart" .ctx }}
{{ include "conference-lib.peerLabels" (dict "name" .name "ctx" .ctx) }}
app.kubernetes.io/component: generated-secrets
app.kubernetes.io/part-of: conference-platform
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end -}}
