{{/*
Names and labels.
*/}}
{{- define "parley.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "parley.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "parley.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every resource carries. */}}
{{- define "parley.labels" -}}
helm.sh/chart: {{ include "parley.chart" . }}
{{ include "parley.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: parley
{{- end }}

{{/* The labels that select this release's pods (all roles). */}}
{{- define "parley.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component: (dict "ctx" $ "component" "command"). */}}
{{- define "parley.componentLabels" -}}
{{ include "parley.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "parley.componentSelectorLabels" -}}
{{ include "parley.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "parley.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "parley.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "parley.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "parley.allRoles" -}}command,relay,projector,gateway{{- end }}

{{/*
The server Deployments as JSON {"units": [{name, component, roles, values}]}: one per role in split mode, one
running every role in all-in-one mode. Every template that makes something per Deployment ranges over this.
*/}}
{{- define "parley.units" -}}
{{- $units := list }}
{{- if eq .Values.mode "all-in-one" }}
{{- $units = append $units (dict "name" (include "parley.fullname" .) "component" "all-in-one" "roles" (include "parley.allRoles" .) "values" .Values.allInOne) }}
{{- else }}
{{- range $role := splitList "," (include "parley.allRoles" .) }}
{{- $units = append $units (dict "name" (printf "%s-%s" (include "parley.fullname" $) $role) "component" $role "roles" $role "values" (index $.Values.roles $role)) }}
{{- end }}
{{- end }}
{{- dict "units" $units | toJson }}
{{- end }}

{{/* The Service clients call for the HTTP API, and the one for GET /v1/stream. */}}
{{- define "parley.apiServiceName" -}}
{{- if eq .Values.mode "all-in-one" }}{{ include "parley.fullname" . }}{{ else }}{{ include "parley.fullname" . }}-command{{ end }}
{{- end }}

{{- define "parley.streamServiceName" -}}
{{- if eq .Values.mode "all-in-one" }}{{ include "parley.fullname" . }}{{ else }}{{ include "parley.fullname" . }}-gateway{{ end }}
{{- end }}

{{/* The chart-managed Secret (database password, HMAC secret) and ConfigMap. */}}
{{- define "parley.secretName" -}}{{ include "parley.fullname" . }}{{- end }}
{{- define "parley.configMapName" -}}{{ include "parley.fullname" . }}{{- end }}
{{- define "parley.migrateName" -}}{{ include "parley.fullname" . }}-migrate{{- end }}

{{/* Whether the chart's Secret holds the database password / the HMAC secret. */}}
{{- define "parley.ownsDbPassword" -}}
{{- if and (not .Values.database.existingSecret) .Values.database.password }}true{{ end }}
{{- end }}

{{- define "parley.ownsJwtSecret" -}}
{{- if and (eq .Values.auth.mode "hmac") (not .Values.auth.existingSecret) }}true{{ end }}
{{- end }}

{{/*
The variable naming the mounted Kafka client properties file (the server reads it as parley.kafka.config-file).
*/}}
{{- define "parley.kafkaPropertiesFileEnv" -}}PARLEY_KAFKA_CONFIG_FILE{{- end }}

{{/* Kafka client property name -> environment variable name (security.protocol -> PARLEY_KAFKA_PROPERTIES_SECURITY_PROTOCOL). */}}
{{- define "parley.kafkaPropertyEnv" -}}
{{- printf "PARLEY_KAFKA_PROPERTIES_%s" (regexReplaceAll "[^A-Za-z0-9]" . "_" | upper) }}
{{- end }}

{{/*
Settings the chart refuses, checked once per render (included by the ConfigMap): they would either break a
multi-pod install or put a secret into a ConfigMap or the pod spec.
*/}}
{{- define "parley.validate" -}}
{{- if not .Values.database.url }}
{{- fail "database.url is required: the embedded H2 database cannot be shared by several pods" }}
{{- end }}
{{- if regexMatch "(?i)(password|passwd|pwd)=" .Values.database.url }}
{{- fail "database.url must not carry a password: set database.password or database.existingSecret" }}
{{- end }}
{{- if not .Values.kafka.bootstrap }}
{{- fail "kafka.bootstrap is required: the embedded Kafka broker cannot be shared by several pods" }}
{{- end }}
{{- if gt (int .Values.kafka.minInsyncReplicas) (int .Values.kafka.replicationFactor) }}
{{- fail "kafka.minInsyncReplicas cannot be above kafka.replicationFactor (no write would ever be acknowledged)" }}
{{- end }}
{{- range $name, $_ := .Values.kafka.properties }}
{{- if regexMatch "(?i)(password|jaas|secret|key\\.password)" $name }}
{{- fail (printf "kafka.properties.%s looks secret: use kafka.propertiesFromSecret or kafka.propertiesFile" $name) }}
{{- end }}
{{- end }}
{{- if and .Values.kafka.propertiesFromSecret.items (not .Values.kafka.propertiesFromSecret.name) }}
{{- fail "kafka.propertiesFromSecret.items needs kafka.propertiesFromSecret.name" }}
{{- end }}
{{- if and .Values.kafka.propertiesFile (not .Values.kafka.files.existingSecret) }}
{{- fail "kafka.propertiesFile needs kafka.files.existingSecret (the Secret the file is mounted from)" }}
{{- end }}
{{- if eq .Values.auth.mode "jwks" }}
{{- if .Values.auth.jwtSecret }}
{{- fail "auth.jwtSecret is for auth.mode hmac; with auth.mode jwks tokens are verified with the JWKS keys only" }}
{{- end }}
{{- if and (not .Values.auth.jwksUrl) (not .Values.auth.existingSecret) }}
{{- fail "auth.mode jwks needs auth.jwksUrl or auth.existingSecret" }}
{{- end }}
{{- if and .Values.auth.jwksUrl .Values.auth.existingSecret }}
{{- fail "set auth.jwksUrl or auth.existingSecret, not both" }}
{{- end }}
{{- else }}
{{- if .Values.auth.jwksUrl }}
{{- fail "auth.jwksUrl is for auth.mode jwks" }}
{{- end }}
{{- if and .Values.auth.jwtSecret .Values.auth.existingSecret }}
{{- fail "set auth.jwtSecret or auth.existingSecret, not both" }}
{{- end }}
{{- end }}
{{- $reserved := list "PARLEY_ROLES" "PARLEY_DEV_TOKENS" }}
{{- $envMaps := list .Values.env .Values.allInOne.env }}
{{- range $role := splitList "," (include "parley.allRoles" .) }}
{{- $envMaps = append $envMaps (index $.Values.roles $role "env") }}
{{- end }}
{{- range $m := $envMaps }}
{{- range $name, $_ := $m }}
{{- if has $name $reserved }}
{{- fail (printf "%s is set by the chart (each Deployment's roles; dev tokens are always off)" $name) }}
{{- end }}
{{- if regexMatch "(?i)(password|secret|jaas)" $name }}
{{- fail (printf "%s looks secret: use extraEnv with valueFrom.secretKeyRef" $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $e := .Values.extraEnv }}
{{- if has $e.name $reserved }}
{{- fail (printf "%s is set by the chart (each Deployment's roles; dev tokens are always off)" $e.name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The ConfigMap's data (non-secret settings shared by every role and the migration Job).
*/}}
{{- define "parley.configData" -}}
PARLEY_HTTP_PORT: {{ .Values.httpPort | int64 | quote }}
PARLEY_DATA_DIR: {{ .Values.dataDir | quote }}
PARLEY_DB_URL: {{ .Values.database.url | quote }}
{{- if not (and .Values.database.existingSecret .Values.database.existingSecretUserKey) }}
PARLEY_DB_USER: {{ .Values.database.user | quote }}
{{- end }}
PARLEY_DB_POOL_SIZE: {{ .Values.database.poolSize | int64 | quote }}
PARLEY_KAFKA_BOOTSTRAP: {{ .Values.kafka.bootstrap | quote }}
PARLEY_KAFKA_PARTITIONS: {{ .Values.kafka.partitions | int64 | quote }}
PARLEY_KAFKA_REPLICATION_FACTOR: {{ .Values.kafka.replicationFactor | int64 | quote }}
PARLEY_KAFKA_MIN_INSYNC_REPLICAS: {{ .Values.kafka.minInsyncReplicas | int64 | quote }}
PARLEY_KAFKA_RETENTION_MS: {{ .Values.kafka.retentionMs | int64 | quote }}
PARLEY_KAFKA_COMPRESSION: {{ .Values.kafka.compression | quote }}
{{- range $name, $value := .Values.kafka.properties }}
{{ include "parley.kafkaPropertyEnv" $name }}: {{ $value | toString | quote }}
{{- end }}
{{- if .Values.kafka.propertiesFile }}
{{ include "parley.kafkaPropertiesFileEnv" . }}: {{ .Values.kafka.propertiesFile | quote }}
{{- end }}
{{- if and (eq .Values.auth.mode "jwks") .Values.auth.jwksUrl }}
PARLEY_JWKS_URL: {{ .Values.auth.jwksUrl | quote }}
{{- end }}
{{- with .Values.auth.issuer }}
PARLEY_JWT_ISSUER: {{ . | quote }}
{{- end }}
{{- with .Values.auth.audience }}
PARLEY_JWT_AUDIENCE: {{ . | quote }}
{{- end }}
JAVA_TOOL_OPTIONS: {{ .Values.javaToolOptions | quote }}
{{- range $name, $value := .Values.env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
Environment entries that come from Secrets: (dict "ctx" $ "secretName" <chart Secret holding db-password>
"withJwt" bool). The migration Job passes its hook Secret and no JWT.
*/}}
{{- define "parley.secretEnv" -}}
{{- $v := .ctx.Values }}
{{- if $v.database.existingSecret }}
{{- if $v.database.existingSecretUserKey }}
- name: PARLEY_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ $v.database.existingSecret }}
      key: {{ $v.database.existingSecretUserKey }}
{{- end }}
- name: PARLEY_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.database.existingSecret }}
      key: {{ $v.database.existingSecretPasswordKey }}
{{- else if $v.database.password }}
- name: PARLEY_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: db-password
{{- end }}
{{- if .withJwt }}
{{- if eq $v.auth.mode "jwks" }}
{{- if $v.auth.existingSecret }}
- name: PARLEY_JWKS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $v.auth.existingSecret }}
      key: {{ $v.auth.existingSecretKeys.jwksUrl }}
{{- end }}
{{- else }}
- name: PARLEY_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ default .secretName $v.auth.existingSecret }}
      key: {{ ternary $v.auth.existingSecretKeys.jwtSecret "jwt-secret" (not (empty $v.auth.existingSecret)) }}
{{- end }}
{{- end }}
{{- range $property, $key := $v.kafka.propertiesFromSecret.items }}
- name: {{ include "parley.kafkaPropertyEnv" $property }}
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.propertiesFromSecret.name }}
      key: {{ $key }}
{{- end }}
{{- end }}

{{/* Volumes every server and migration pod needs: writable /tmp and data dir, the Kafka files. */}}
{{- define "parley.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.emptyDirSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.emptyDirSizeLimit }}
{{- if .Values.kafka.files.existingSecret }}
- name: kafka-files
  secret:
    secretName: {{ .Values.kafka.files.existingSecret }}
    defaultMode: 0440
{{- end }}
{{- end }}

{{- define "parley.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: {{ .Values.dataDir }}
{{- if .Values.kafka.files.existingSecret }}
- name: kafka-files
  mountPath: {{ .Values.kafka.files.mountPath }}
  readOnly: true
{{- end }}
{{- end }}

{{/* A hash of the values that go into Secrets, so pods roll when they change (not of random material). */}}
{{- define "parley.secretChecksum" -}}
{{- dict "db" .Values.database "auth" .Values.auth "kafka" .Values.kafka | toJson | sha256sum }}
{{- end }}
