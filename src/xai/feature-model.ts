/**
 * A layers model split at a target conv layer, for feature maps and their gradients.
 *
 * The model's graph is replayed eagerly layer by layer (each layer's first inbound node gives its inputs), so
 * any DAG works, residual models included: `maps(x)` runs the layers the target depends on; `logits(a, x)`
 * runs the layers after it with the target's output replaced by `a` (and `x` fed when a skip connection
 * bypasses the target). A final softmax (a Dense layer with softmax activation, or a Softmax/Activation
 * layer) is stripped, so the score is the pre-softmax logit, as Grad-CAM and the paper use.
 */

import * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors.js';

interface Step {
  layer: tf.layers.Layer;
  inputs: number[];
  outputs: number[];
  /** 'dense-linear': a softmax Dense run without its activation; 'identity': a stripped softmax layer. */
  mode: 'apply' | 'dense-linear' | 'identity';
}

type SymbolicLike = { id: number; shape: (number | null)[] };
type NodeLike = { inputTensors: SymbolicLike[]; outputTensors: SymbolicLike[] };

/** Names of layers with a 4-D output of spatial size > 1 (candidate feature-map layers), in graph order. */
export function convLayerNames(model: tf.LayersModel): string[] {
  return model.layers
    .filter((l) => {
      const s = (l.inboundNodes[0] as unknown as NodeLike | undefined)?.outputTensors[0]?.shape;
      return s?.length === 4 && (s[1] ?? 2) * (s[2] ?? 2) > 1;
    })
    .map((l) => l.name);
}

function activationOf(layer: tf.layers.Layer): string | undefined {
  const cfg = layer.getConfig() as { activation?: unknown };
  return typeof cfg.activation === 'string' ? cfg.activation : undefined;
}

export class FeatureModel {
  readonly model: tf.LayersModel;
  readonly layerName: string;
  /** [height, width, channels] of the model input (null where the model accepts any size). */
  readonly inputShape: [number | null, number | null, number];
  /** [H_f, W_f, N_f] of the target layer's output. */
  readonly mapShape: [number, number, number];
  readonly numClasses: number;
  /** True when a final softmax was stripped (the model outputs probabilities). */
  readonly softmaxStripped: boolean;
  /** True when the layers after the target also read the model input (a skip connection). */
  readonly headNeedsInput: boolean;
  private readonly steps: Step[];
  private readonly inputId: number;
  private readonly targetId: number;
  private readonly outputId: number;
  private readonly trunkSteps: Step[];
  private readonly headSteps: Step[];

  constructor(model: tf.LayersModel, layer?: string) {
    this.model = model;
    if (model.inputs.length !== 1 || model.outputs.length !== 1)
      throw new InputError(
        `model: the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs; qaxai explains single-input, single-output classifiers`,
        { field: 'model' },
      );
    const convs = convLayerNames(model);
    if (convs.length === 0)
      throw new InputError(
        'model: the model has no convolutional layer (no layer with a 4-D output of spatial size > 1); ' +
          'qaxai explains the feature maps of a conv layer',
        { field: 'model' },
      );
    const name = layer ?? convs[convs.length - 1]!;
    const target = model.layers.find((l) => l.name === name);
    if (!target)
      throw new InputError(
        `layer: the model has no layer named ${JSON.stringify(name)}; conv layers: ${convs.join(', ')}`,
        {
          field: 'layer',
        },
      );
    if (!convs.includes(name))
      throw new InputError(
        `layer: ${name} does not output feature maps (a 4-D output of spatial size > 1); conv layers: ${convs.join(', ')}`,
        { field: 'layer' },
      );
    this.layerName = name;
    const inShape = (model.inputs[0] as unknown as SymbolicLike).shape;
    if (inShape.length !== 4)
      throw new InputError(
        `model: the input is ${inShape.length - 1}-D; qaxai explains image classifiers (height, width, channels)`,
        {
          field: 'model',
        },
      );
    this.inputShape = [inShape[1] ?? null, inShape[2] ?? null, inShape[3] ?? 1];
    this.inputId = (model.inputs[0] as unknown as SymbolicLike).id;
    this.outputId = (model.outputs[0] as unknown as SymbolicLike).id;
    const tnode = target.inboundNodes[0] as unknown as NodeLike;
    this.targetId = tnode.outputTensors[0]!.id;
    const ts = tnode.outputTensors[0]!.shape;
    this.mapShape = [ts[1] ?? 0, ts[2] ?? 0, ts[3]!];
    const outShape = (model.outputs[0] as unknown as SymbolicLike).shape;
    if (outShape.length !== 2)
      throw new InputError(
        `model: the output has shape [${outShape.join(', ')}]; a classifier outputs [batch, classes]`,
        {
          field: 'model',
        },
      );
    this.numClasses = outShape[1]!;

    this.steps = [];
    let stripped = false;
    for (const layer of model.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      if (layer.inboundNodes.length !== 1)
        throw new InputError(
          `model: layer ${layer.name} is shared (${layer.inboundNodes.length} calls); qaxai needs each layer used once`,
          {
            field: 'model',
          },
        );
      const node = layer.inboundNodes[0] as unknown as NodeLike;
      const outputs = node.outputTensors.map((t) => t.id);
      let mode: Step['mode'] = 'apply';
      if (outputs.includes(this.outputId)) {
        const act = activationOf(layer);
        const cls = layer.getClassName();
        if (act === 'softmax' && cls === 'Dense') mode = 'dense-linear';
        else if (cls === 'Softmax' || (cls === 'Activation' && act === 'softmax')) mode = 'identity';
        stripped = mode !== 'apply';
      }
      this.steps.push({ layer, inputs: node.inputTensors.map((t) => t.id), outputs, mode });
    }
    this.softmaxStripped = stripped;
    const unreachable = () =>
      new InputError('model: the output cannot be computed from the model input', { field: 'model' });
    const trunk = this.needed(this.targetId, new Set([this.inputId]));
    const headWithoutX = this.needed(this.outputId, new Set([this.targetId]));
    const head = headWithoutX ?? this.needed(this.outputId, new Set([this.targetId, this.inputId]));
    if (!trunk || !head) throw unreachable();
    this.trunkSteps = trunk;
    this.headNeedsInput = headWithoutX === undefined;
    this.headSteps = head;
    if (!this.headSteps.some((s) => s.inputs.includes(this.targetId)))
      throw new InputError(`layer: the model output does not depend on layer ${name}`, {
        field: 'layer',
      });
  }

  /** Steps needed to compute tensor `want` from `fed`, in graph order; undefined when unreachable. */
  private needed(want: number, fed: Set<number>): Step[] | undefined {
    const producer = new Map<number, Step>();
    for (const s of this.steps) for (const o of s.outputs) producer.set(o, s);
    const keep = new Set<Step>();
    const stack = [want];
    const seen = new Set<number>();
    while (stack.length) {
      const id = stack.pop()!;
      if (fed.has(id) || seen.has(id)) continue;
      seen.add(id);
      const s = producer.get(id);
      if (!s) return undefined;
      keep.add(s);
      stack.push(...s.inputs);
    }
    return this.steps.filter((s) => keep.has(s));
  }

  private run(steps: Step[], feeds: Map<number, tf.Tensor>, want: number): tf.Tensor {
    const vals = new Map(feeds);
    for (const s of steps) {
      const ins = s.inputs.map((i) => vals.get(i)!);
      let out: tf.Tensor | tf.Tensor[];
      if (s.mode === 'identity') out = ins[0]!;
      else if (s.mode === 'dense-linear') {
        const [w, b] = s.layer.getWeights();
        out = b
          ? tf.add(tf.matMul(ins[0] as tf.Tensor2D, w as tf.Tensor2D), b)
          : tf.matMul(ins[0] as tf.Tensor2D, w as tf.Tensor2D);
      } else
        out = s.layer.apply(ins.length === 1 ? ins[0]! : ins, { training: false }) as tf.Tensor | tf.Tensor[];
      const outs = Array.isArray(out) ? out : [out];
      s.outputs.forEach((id, k) => vals.set(id, outs[k]!));
    }
    return vals.get(want)!;
  }

  /** Feature maps A = target(x), [N, H_f, W_f, N_f]. */
  maps(x: tf.Tensor4D): tf.Tensor4D {
    return this.run(this.trunkSteps, new Map([[this.inputId, x]]), this.targetId) as tf.Tensor4D;
  }

  /** Logits (pre-softmax scores) from feature maps `a` (and `x` when the head needs it), [N, classes]. */
  logits(a: tf.Tensor4D, x?: tf.Tensor4D): tf.Tensor2D {
    const feeds = new Map<number, tf.Tensor>([[this.targetId, a]]);
    if (this.headNeedsInput) {
      if (!x) throw new Error('this model needs the input image in the head (skip connection)');
      feeds.set(this.inputId, x);
    }
    return this.run(this.headSteps, feeds, this.outputId) as tf.Tensor2D;
  }

  /** Logits of whole images. */
  predictLogits(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.logits(this.maps(x), x));
  }
}
