// The deployment as Moat reads it, for `moat import` and the drift check: read the files once
// (readDeployment), then work on the typed Deployment, whose every element names its file and line.

export { readDeployment, STDIN_NAME } from './read.js';
export type { ReadOptions } from './read.js';
export { DeploymentError, emptyDeployment, templateOf } from './types.js';
export type {
  AdminBinding, AuthorizationPolicy, ConfigMap, Container, Dependency, Deployment, EnvVar, KubeSecret, KubeService, LabelSelector,
  MeshTls, Namespace, Network, NetworkPolicy, PolicyPeer, Platform, PublishedPort, Route, SecretUse, ServiceEntry, ServicePort, SourceRef, Workload,
} from './types.js';
export { MAX_FILE_BYTES } from './files.js';
