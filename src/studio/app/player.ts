/**
 * purpose: audition in the browser — spessasynth_lib's WorkletSynthesizer (an AudioWorklet) with the same GM
 * SoundFont the offline renderer uses, its Sequencer playing the take's MIDI from any bar, per-channel mute
 * for solo/mute, and the playing position for the playhead.
 */
import { WorkletSynthesizer, Sequencer } from 'spessasynth_lib';

export class Player {
  private ctx?: AudioContext;
  private synth?: WorkletSynthesizer;
  private seq?: Sequencer;
  private loading?: Promise<void>;
  private startOffset = 0;
  playing = false;

  private async init(): Promise<void> {
    this.ctx = new AudioContext({ latencyHint: 'interactive' });
    await this.ctx.audioWorklet.addModule('/spessasynth_processor.min.js');
    this.synth = new WorkletSynthesizer(this.ctx);
    this.synth.connect(this.ctx.destination);
    const bank = await (await fetch('/soundfont.sf3')).arrayBuffer();
    await this.synth.soundBankManager.addSoundBank(bank, 'main');
    await this.synth.isReady;
    this.seq = new Sequencer(this.synth);
  }

  ready(): Promise<void> {
    this.loading ??= this.init();
    return this.loading;
  }

  /** Play MIDI bytes from `seconds`, with the given channels muted. */
  async play(midi: ArrayBuffer, seconds: number, muted: Set<number>): Promise<void> {
    await this.ready();
    await this.ctx!.resume();
    const seq = this.seq!;
    seq.loopCount = 0;
    seq.loadNewSongList([{ binary: midi, fileName: 'take.mid' }]);
    this.setMuted(muted);
    seq.currentTime = seconds;
    this.startOffset = seconds;
    seq.play();
    this.playing = true;
  }

  setMuted(muted: Set<number>): void {
    if (!this.synth) return;
    for (let ch = 0; ch < 16; ch++) this.synth.midiChannels[ch]?.setSystemParameter('isMuted', muted.has(ch));
  }

  stop(): void {
    this.seq?.pause();
    this.synth?.stopAll(true);
    this.playing = false;
  }

  /** Seconds into the take, or null when stopped. */
  position(): number | null {
    if (!this.playing || !this.seq) return null;
    if (this.seq.isFinished) { this.playing = false; return null; }
    return this.seq.currentHighResolutionTime ?? this.startOffset;
  }

  audioTime(): number {
    return this.ctx?.currentTime ?? 0;
  }
}
