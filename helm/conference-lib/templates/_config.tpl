{{/*
The service's settings as environment variables, keyed by the Spring property they set.

Sources, later ones win:
  1. what every service gets in the cluster (server.port, management.server.port, JSON logs);
  2. the chart's hook "config" (see _hooks.tpl), the properties it derives from its values (URLs, hosts);
  3. .Values.config, where an operator sets any property the service reads, by its Spring name.
A null or empty value leaves the property to the service's own default. Values are written as given:
no template in them is evaluated (a "{{" in a password hash or a URL stays as it is).
*/}}
{{- define "conference-lib.configProperties" -}}
{{- $common := dict "server.port" (toString .Values.containerPort) "management.server.port" (toString .Values.managementPort) -}}
{{- with .Values.logFormat -}}
{{- $_ := set $common "logging.structured.format.console" . -}}
{{- end -}}
{{- $computed := fromYaml (include "conference-lib.hook" (dict "ctx" . "hook" "config")) | default dict -}}
{{- $merged := merge (deepCopy (.Values.config | default dict)) $computed $common -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* ConfigMap data: ENV_NAME: value, for the properties above, the JVM's options and the OpenTelemetry agent. */}}
{{- define "conference-lib.configData" -}}
{{- $props := fromYaml (include "conference-lib.configProperties" .) -}}
{{- range $prop, $value := $props }}
{{- if not (or (kindIs "invalid" $value) (eq (toString $value) "")) }}
{{- $text := "" -}}
{{- if kindIs "slice" $value -}}
{{- $text = join "," $value -}}
{{- else -}}
{{- $text = toString $value -}}
{{- end }}
{{ include "conference-lib.envName" $prop }}: {{ $text | quote }}
{{- end }}
{{- end }}
JAVA_TOOL_OPTIONS: {{ include "conference-lib.javaToolOptions" . | quote }}
{{- include "conference-lib.otelData" . }}
{{- end -}}

{{/*
The JVM's memory, each pool sized explicitly so that together they fit the container's memory limit
(the budget per service is in docs/operations.md), and the OpenTelemetry agent when it is on.
*/}}
{{- define "conference-lib.javaToolOptions" -}}
{{- $jvm := .Values.jvm -}}
{{- /* MetaspaceSize is only the size at which class metadata first triggers a collection, not memory taken
       up front: at the default (about 21 MiB) each step of a start's class loading costs a full collection
       (four of up to 350 ms each in c4p-service, some after the service was ready). */ -}}
{{- $options := list (printf "-Xmx%s" $jvm.heap) (printf "-XX:MaxMetaspaceSize=%s" $jvm.metaspace)
      (printf "-XX:MetaspaceSize=%s" $jvm.metaspace) (printf "-XX:ReservedCodeCacheSize=%s" $jvm.codeCache) (printf "-XX:MaxDirectMemorySize=%s" $jvm.directMemory)
      (printf "-Xss%s" $jvm.threadStack) -}}
{{- if $jvm.quickCompilerOnly -}}
{{- $options = append $options "-XX:TieredStopAtLevel=1" -}}
{{- end -}}
{{- if include "conference-lib.otelEnabled" . -}}
{{- /* With the agent on the boot class path the JVM warns, in plain text, that class sharing is limited:
       the only line of the log that would not be JSON. */ -}}
{{- $options = append $options (printf "-javaagent:%s" .Values.otel.agentPath) -}}
{{- $options = append $options "-XX:-PrintWarnings" -}}
{{- end -}}
{{- join " " (concat $options ($jvm.extraOptions | default list)) -}}
{{- end -}}

{{- define "conference-lib.otelEnabled" -}}
{{- if or .Values.otel.enabled (((.Values.global).otel).enabled) -}}true{{- end -}}
{{- end -}}

{{/*
The OpenTelemetry Java agent is in every image and off unless switched on here (or globally):
JAVA_TOOL_OPTIONS loads it, the OTEL_* variables configure it. Metrics stay on /actuator/prometheus.
The agent writes its own messages through the service's logging (JSON like every other line), and
puts the trace and span ids in the logging context under ECS's names, so that each line of a traced
request carries "trace": {"id": …} and "span": {"id": …}.
*/}}
{{- define "conference-lib.otelData" -}}
{{- $global := ((.Values.global).otel) | default dict -}}
{{- $otel := merge (deepCopy (.Values.otel | default dict)) $global -}}
{{- if include "conference-lib.otelEnabled" . }}
OTEL_SERVICE_NAME: {{ include "conference-lib.name" . | quote }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ required "otel.endpoint is required when OpenTelemetry is enabled" $otel.endpoint | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ $otel.protocol | default "http/protobuf" | quote }}
OTEL_TRACES_SAMPLER: "parentbased_traceidratio"
OTEL_TRACES_SAMPLER_ARG: {{ $otel.samplingRatio | default "1.0" | toString | quote }}
OTEL_METRICS_EXPORTER: "none"
OTEL_LOGS_EXPORTER: "none"
OTEL_JAVAAGENT_LOGGING: "application"
OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_ID: "trace.id"
OTEL_INSTRUMENTATION_COMMON_LOGGING_SPAN_ID: "span.id"
OTEL_INSTRUMENTATION_COMMON_LOGGING_TRACE_FLAGS: "trace.flags"
OTEL_RESOURCE_ATTRIBUTES: {{ printf "service.namespace=%s,deployment.environment.name=%s" .Release.Namespace ($otel.environment | default .Release.Name) | quote }}
{{- with $otel.instrumentations }}
{{- /* Only what the service uses: the agent matches every class the JVM loads against each instrumentation
       it applies, most of them for libraries the service does not have. Its logging through the
       service's (OTEL_JAVAAGENT_LOGGING above) is one of them too. */}}
OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED: "false"
OTEL_INSTRUMENTATION_INTERNAL_APPLICATION_LOGGER_ENABLED: "true"
{{- range . }}
{{ printf "OTEL_INSTRUMENTATION_%s_ENABLED" (. | upper | replace "-" "_") }}: "true"
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "conference-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "conference-lib.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
data:
  {{- include "conference-lib.configData" . | trim | nindent 2 }}
{{- end -}}
