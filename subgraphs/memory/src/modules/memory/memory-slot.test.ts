import { describe, expect, it } from 'vitest';
import { askedSlots, memorySlot } from './memory-slot.ts';

describe('memorySlot', () => {
  it('gives where I live and where I moved the same slot', () => {
    expect(memorySlot('I live in Paris, right by the river.')).toBe('home');
    expect(memorySlot('I finally moved to Berlin, loving it here so far!')).toBe('home');
    expect(memorySlot('I’ve just moved to Lima')).toBe('home');
  });

  it('gives a job and a new job the same slot', () => {
    expect(memorySlot('I work as a nurse at the children’s hospital.')).toBe('job');
    expect(memorySlot('I quit my old job and started as a chef at an Italian restaurant.')).toBe('job');
  });

  it('names what a name belongs to', () => {
    expect(memorySlot('My cat is called Miso.')).toBe('name of my cat');
    expect(memorySlot("My sister's name is Anna")).toBe('name of my sister');
    expect(memorySlot('My friend’s dog is called Rex.')).toBe("name of my friend's dog");
  });

  it('gives other people’s news, questions and small talk no slot', () => {
    expect(memorySlot('Pablo moved to Lima for a new job, lucky them.')).toBeNull();
    expect(memorySlot('My mum thinks I work too much.')).toBeNull();
    expect(memorySlot('Do I live in Paris?')).toBeNull();
    expect(memorySlot('I had a dentist appointment this morning.')).toBeNull();
  });
});

describe('askedSlots', () => {
  it('finds the slot a question asks about', () => {
    expect(askedSlots('Which city do I live in now?')).toEqual(['home']);
    expect(askedSlots('What is my job now?')).toEqual(['job']);
    expect(askedSlots('When is my birthday?')).toEqual(['birthday']);
    expect(askedSlots("What's my sister's name?")).toEqual(['name of my sister']);
    expect(askedSlots("What's the name of my cat?")).toEqual(['name of my cat']);
  });

  it('asks nothing of other people’s facts or small talk', () => {
    expect(askedSlots('Which city does my brother live in now?')).toEqual([]);
    expect(askedSlots('What does my wife do for work?')).toEqual([]);
    expect(askedSlots('Should I book a boat cruise?')).toEqual([]);
  });
});
